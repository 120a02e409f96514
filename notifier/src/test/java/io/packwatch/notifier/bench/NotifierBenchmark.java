package io.packwatch.notifier.bench;

import io.packwatch.notifier.AlertmanagerProcess;
import io.packwatch.notifier.Alerts;
import io.packwatch.notifier.NotifierFixture;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import io.packwatch.testsupport.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.packwatch.notifier.app.NotifierSettings;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How fast the notifier delivers alerts into a real Alertmanager (a main, not a test; docs/benchmarks.md).
 *
 * <ol>
 *   <li><b>Backlog</b>: N distinct FIRING alerts are on the topics before the notifier starts; measured from its start
 *   until Alertmanager accepted all N and the offsets are committed: alerts/s. Run twice in one JVM: the first round
 *   is cold (JIT, first connections), the second warm.</li>
 *   <li><b>Paced</b>: R alerts/s for S seconds into a running notifier; the notifier's own timer (record timestamp →
 *   Alertmanager answered 200) gives p50 and p99.</li>
 * </ol>
 * Alertmanager routes everything to a receiver without integrations, so what is measured is the notifier and the
 * API, not an email server.
 */
public final class NotifierBenchmark {
    private NotifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        TestInfra.kafka();
        Path dir = Files.createTempDirectory("packwatch-notifier-bench");
        try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"), """
                route: {receiver: blackhole, group_by: [package_key], group_wait: 30s, group_interval: 5m}
                receivers: [{name: blackhole}]
                """)) {
            for (String round : new String[] {"cold", "warm"}) {
                backlogRound(am, backlog, round);
            }
            pacedRound(am, rate, seconds);
        }
        System.exit(0); // the shared broker and registry stop in their shutdown hook
    }

    /** The defaults of a real deployment (re-send every 60 s, TTL 10 min), not the tests' 1 s re-send. */
    private static NotifierSettings productionTiming(NotifierSettings s) {
        return new NotifierSettings(s.kafka(), s.topicPrefix(), s.groupId(), s.stateTopic(), s.alertmanagerUrls(),
                s.queryApiUrl(), s.runbookUrl(), Duration.ofSeconds(60), Duration.ofSeconds(600), s.maxBackoff(),
                Duration.ofSeconds(10), s.maxBatch(), s.opsHost(), s.opsPort());
    }

    private static void backlogRound(AlertmanagerProcess am, int n, String round) throws Exception {
        try (NotifierFixture fx = new NotifierFixture()) {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < n; i++) {
                fx.publishAsync(Alerts.usage(round + "-" + i, AlertState.FIRING, Severity.WARNING, t));
            }
            fx.flush();
            long start = System.nanoTime();
            fx.startNotifier(productionTiming(fx.settings(List.of(am.url()))));
            while (fx.acceptedTotal() < n || !fx.committedEqualsEnd()) {
                Thread.sleep(100);
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "backlog %-4s %d alerts in %.2f s: %.0f alerts/s (notifier start included)%n",
                    round, n, s, n / s);
        }
    }

    private static void pacedRound(AlertmanagerProcess am, int rate, int seconds) throws Exception {
        try (NotifierFixture fx = new NotifierFixture()) {
            fx.startNotifier(productionTiming(fx.settings(List.of(am.url()))));
            while (!fx.committedEqualsEnd()) {
                Thread.sleep(200);
            }
            long intervalNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            int total = rate * seconds;
            for (int i = 0; i < total; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // not a spin: the machine has 2 cores
                }
                next += intervalNanos;
                PackageAlert alert = Alerts.usage("paced-" + (i % 5000), i / 5000 % 2 == 0 ? AlertState.FIRING : AlertState.RESOLVED,
                        Severity.WARNING, Instant.now().truncatedTo(ChronoUnit.MILLIS));
                fx.publishAsync(alert);
            }
            fx.flush();
            while (!fx.committedEqualsEnd()) {
                Thread.sleep(200);
            }
            String p50 = fx.metric("packwatch_notifier_record_to_accepted_seconds{alertmanager=\"" + am.url() + "\",quantile=\"0.5\"}");
            String p99 = fx.metric("packwatch_notifier_record_to_accepted_seconds{alertmanager=\"" + am.url() + "\",quantile=\"0.99\"}");
            System.out.printf(Locale.ROOT, "paced %d alerts/s for %d s: record -> accepted p50 %.1f ms, p99 %.1f ms%n",
                    rate, seconds, Double.parseDouble(p50) * 1000, Double.parseDouble(p99) * 1000);
        }
    }

}
