package io.packwatch.cli;

import io.packwatch.cli.local.DataDirs;
import io.packwatch.cli.local.LocalLake;
import io.packwatch.cli.local.LocalOptions;
import io.packwatch.cli.local.LocalStack;
import io.packwatch.cli.view.LiveView;
import io.packwatch.core.topics.Topics;
import io.packwatch.lake.LakeWorker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./packwatch local}: the whole pipeline on embedded defaults, with a live terminal view. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline locally: a Kafka broker (KRaft), the schema registry (Apicurio), the "
                + "vendor simulators with a demo scenario, the four collectors and the streams app, with a live view.",
                "Ctrl-C stops everything."})
final class LocalCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Broker data and streams state, kept between runs (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:packwatch.home:-.}/.packwatch/local")
    Path dataDir;

    @Option(names = "--fresh", description = "Start from empty data (wipes --data-dir).")
    boolean fresh;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Use this Confluent-compatible registry instead of the embedded Apicurio.")
    String registryUrl;

    @Option(names = "--collector-config", paramLabel = "FILE",
            description = "Collect from real vendor endpoints with this collector config (repeat per API) instead of the simulators.")
    List<Path> collectorConfigs = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "FILE", description = "Simulator scenario (default: the bundled demo).")
    Path scenario;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Embedded broker port; the controller uses the next one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--http-port", defaultValue = "18088", description = "Streams query API port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--poll-seconds", defaultValue = "5", description = "Collector poll interval against the simulators (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(names = "--lake", description = "Also run the data-lake sink (./packwatch lake) into <data-dir>/lake/warehouse, committing every 30 s.")
    boolean lake;

    /**
     * Before any logger exists: wipe the data dir if {@code --fresh} (after this the log file lives in it, so wiping
     * later would delete the open log), and send the logs to {@code <data-dir>/packwatch.log}: the terminal is the
     * view's. The options are parsed by picocli as {@link #call} will see them; a parse error is left to the real run
     * to report.
     *
     * @return false when {@code --fresh} could not wipe the data dir (said on stderr)
     */
    static boolean prepare(String[] localArgs) {
        LocalCommand options = new LocalCommand();
        try {
            new CommandLine(options).parseArgs(localArgs);
        } catch (CommandLine.ParameterException reportedByTheRun) {
            return true;
        }
        Path dir = options.dataDir.toAbsolutePath().normalize();
        if (options.fresh) {
            try {
                DataDirs.wipe(dir);
            } catch (IOException e) {
                System.err.println("local: --fresh cannot wipe " + dir + ": " + e);
                return false;
            }
        }
        System.setProperty("packwatch.log.file", dir.resolve("packwatch.log").toString());
        System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        return true;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        // --fresh was applied by prepare(), before the log file was opened inside the data dir
        LocalOptions options = new LocalOptions(dataDir.toAbsolutePath().normalize(), false, bootstrapServers,
                registryUrl, collectorConfigs, scenario, kafkaPort, httpPort, pollSeconds);
        long begin = System.nanoTime();
        // alerts of this run only: a second run over the same data dir keeps the earlier runs' alerts on the topics
        Instant runStart = Instant.now();
        LocalStack stack;
        try {
            stack = LocalStack.start(options, out);
        } catch (BindException e) {
            System.err.println("local: " + e.getMessage());
            return 2;
        }
        out.printf("%nup in %.1f s; logs in %s%n", (System.nanoTime() - begin) / 1e9,
                System.getProperty("packwatch.log.file", "the console"));
        stack.endpoints().forEach((what, where) -> out.printf("  %-24s %s%n", what, where));
        LakeWorker lakeWorker = lake ? LocalLake.start(options.dataDir(), stack.bootstrapServers(), stack.registryUrl(), out) : null;
        out.println();

        Map<String, String> serdeConfig = Map.of("schema.registry.url", stack.registryUrl());
        boolean tty = System.console() != null;
        LiveView view = new LiveView(stack.bootstrapServers(), Topics.create(Topics.DEFAULT_PREFIX, serdeConfig),
                serdeConfig, out, tty, Clock.systemDefaultZone(), runStart);
        stack.onDelivery(view::note);
        Thread viewThread = new Thread(view, "packwatch-live-view");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            view.close();
            joinQuietly(viewThread);
            out.println(tty ? "\nstopping ..." : "stopping ...");
            long stopBegin = System.nanoTime();
            if (lakeWorker != null) {
                lakeWorker.close();
            }
            stack.close();
            out.printf("stopped in %.1f s.%n", (System.nanoTime() - stopBegin) / 1e9);
            stopped.countDown();
        }, "packwatch-local-stop"));
        viewThread.start();
        stopped.await();
        return 0;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
