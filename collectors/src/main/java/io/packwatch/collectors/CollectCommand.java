package io.packwatch.collectors;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigException;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.collectors.run.CycleReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code packwatch collect <api> --config FILE [--once]}: one collector process for one vendor API. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Poll one vendor API and publish raw package envelopes to Kafka.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success (with --once: every account/region completed)", "1:a poll was incomplete (--once)",
                "2:invalid arguments or configuration (nothing was requested)"})
public final class CollectCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CollectCommand.class);
    public static final int EXIT_INCOMPLETE = 1;
    public static final int EXIT_CONFIG = 2;

    @Parameters(index = "0", paramLabel = "API", completionCandidates = VendorApi.Ids.class,
            description = "One of: ${COMPLETION-CANDIDATES}")
    String api;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Collector YAML configuration.")
    Path config;

    @Option(names = "--once", description = "Run one full cycle and exit (0 only if every account/region completed).")
    boolean once;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Function<String, String> env;

    public CollectCommand() {
        this(System::getenv);
    }

    public CollectCommand(Function<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CollectCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        VendorApi which = VendorApi.find(api).orElse(null);
        if (which == null) {
            err.println("API: unknown '" + api + "'; expected one of " + String.join("|", VendorApi.ids()));
            return EXIT_CONFIG;
        }
        CollectorConfig cfg;
        try {
            cfg = new ConfigLoader(env).load(config, which);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_CONFIG;
        }
        CollectorHost host;
        try {
            host = CollectorHost.of(cfg);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            err.println("collect: port " + cfg.opsPort() + " on " + cfg.opsHost() + " (health/metrics endpoint) is "
                    + "already in use; set ops.port in " + config + " to a free port (0 = any)");
            return EXIT_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("event=shutdown-requested api={}", which.id());
            host.shutdown(cfg.shutdownTimeout());
            stopped.countDown();
        }, "shutdown-" + which.id());
        Runtime.getRuntime().addShutdownHook(hook);
        if (once) {
            Map<VendorApi, CycleReport> reports = host.runOnce();
            CycleReport report = reports.get(which);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                host.shutdown(cfg.shutdownTimeout());
            } catch (IllegalStateException jvmShuttingDown) {
                stopped.await();
            }
            return report.complete() ? 0 : EXIT_INCOMPLETE;
        }
        host.startDaemons();
        stopped.await();
        return 0;
    }
}
