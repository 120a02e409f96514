package io.packwatch.notifier.chat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./packwatch chat-bridge --config FILE}: Alertmanager webhooks to WeCom, DingTalk and Feishu robots. */
@Command(name = "chat-bridge", mixinStandardHelpOptions = true,
        description = "Receive Alertmanager webhooks (POST /alertmanager) and forward them to WeCom, DingTalk and "
                + "Feishu group robots; serves /health and /metrics.")
public class ChatBridgeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ChatBridgeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "YAML settings (chat-bridge: section, see docs/notifications.md); secrets come from the "
                    + "environment variables or files it names.")
    Path config;

    @Override
    public Integer call() throws Exception {
        BridgeSettings settings;
        try {
            settings = BridgeSettings.load(config, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("invalid configuration: " + e.getMessage());
            return 2;
        }
        ChatBridge bridge = ChatBridge.start(settings);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutdown requested");
            bridge.close();
            stop.countDown();
        }, "packwatch-chat-bridge-shutdown"));
        stop.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChatBridgeCommand()).execute(args));
    }
}
