package io.packwatch.notifier.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.packwatch.notifier.delivery.AlertDelivery;
import io.packwatch.notifier.delivery.DeliveryHealth;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./packwatch notify --config FILE}: alert topics to Prometheus Alertmanager, until SIGTERM/Ctrl-C. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Deliver every Packwatch alert to one or more Prometheus Alertmanagers (API v2); "
                + "serves /health and /metrics.")
public class NotifyCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyCommand.class);

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "YAML settings (kafka: and notifier: sections, see docs/notifications.md).")
    Path config;

    @Override
    public Integer call() throws Exception {
        NotifierSettings settings;
        try {
            settings = NotifierSettings.load(config, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("invalid configuration: " + e.getMessage());
            return 2;
        }
        Notifier notifier = Notifier.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutdown requested");
            notifier.close();
        }, "packwatch-notifier-shutdown"));
        return notifier.awaitStop() ? 1 : 0;
    }

    /** The running notifier: the delivery thread and its ops endpoints. */
    public static final class Notifier implements AutoCloseable {
        private final AlertDelivery delivery;
        private final OpsEndpoints ops;

        private Notifier(AlertDelivery delivery, OpsEndpoints ops) {
            this.delivery = delivery;
            this.ops = ops;
        }

        public static Notifier start(NotifierSettings settings) throws java.io.IOException {
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            AlertDelivery delivery = new AlertDelivery(settings, meters);
            OpsEndpoints ops = new OpsEndpoints(settings.opsHost(), settings.opsPort(), meters,
                    () -> {
                        DeliveryHealth health = delivery.health();
                        return new OpsEndpoints.Health(health.serving(), health);
                    });
            try {
                delivery.start();
            } catch (RuntimeException e) {
                delivery.close();
                throw e;
            }
            ops.start();
            LOG.info("event=notifier-started alertmanagers={} ops-port={}", settings.alertmanagerUrls().size(), ops.port());
            return new Notifier(delivery, ops);
        }

        public int opsPort() {
            return ops.port();
        }

        public AlertDelivery delivery() {
            return delivery;
        }

        public boolean awaitStop() throws InterruptedException {
            return delivery.awaitStop();
        }

        @Override
        public void close() {
            ops.close();
            delivery.close();
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new NotifyCommand()).execute(args));
    }
}
