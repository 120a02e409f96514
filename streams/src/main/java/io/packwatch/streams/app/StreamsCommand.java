package io.packwatch.streams.app;

import io.packwatch.streams.StreamsSettings;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./packwatch streams --config FILE}: runs the streams app until SIGTERM/Ctrl-C or a fatal error. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Normalize raw vendor snapshots, derive state and alerts, serve the HTTP query API.")
public class StreamsCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML (.yaml/.yml) or .properties settings; PACKWATCH_* environment variables override it.")
    Path config;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a graceful shutdown may take (default: ${DEFAULT-VALUE}).")
    int shutdownTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        StreamsSettings settings;
        try {
            settings = StreamsSettings.load(config, System.getenv());
            RegistryStartup.from(settings.raw());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("invalid configuration: " + e.getMessage());
            return 2;
        }
        StreamsApp app;
        try {
            app = StreamsApp.start(settings);
        } catch (BindException e) {
            System.err.println("streams: " + e.getMessage() + "; set " + StreamsSettings.HTTP_PORT
                    + " in the config (or PACKWATCH_HTTP_PORT) to a free port");
            return 2;
        } catch (RegistryStartup.Unavailable e) {
            System.err.println(e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            LOG.info("shutdown requested");
            app.close(Duration.ofSeconds(shutdownTimeoutSeconds));
        }, "packwatch-streams-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean failed = app.awaitStop();
        if (failed) {
            LOG.error("streams client stopped after a fatal error");
            app.close(Duration.ofSeconds(shutdownTimeoutSeconds));
            return 1;
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamsCommand()).execute(args));
    }
}
