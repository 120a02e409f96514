package io.packwatch.streams.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.packwatch.core.registry.SchemaRegistryClient;
import io.packwatch.streams.http.HealthReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks behind {@code /health} and {@code /ready}, run in the background every {@value #INTERVAL} (PT5S) so a
 * request never waits on a dead dependency: the broker (an admin {@code describeCluster}), the schema registry (a
 * subject listing), the stream threads (a main consumer that has not polled for {@value #STALL_AFTER}, PT60S, is
 * stalled; a thread replaced within {@value #REPLACED_WITHIN}, PT5M), and the DLQ rate (more than {@value #DLQ_PER_MINUTE}, 60,
 * dead letters in the last minute). Each check is also a Prometheus gauge, {@code packwatch_health_check_ok{check}}.
 * A check's state changes are logged once, not on every run.
 */
final class HealthMonitor implements AutoCloseable {
    static final String INTERVAL = "packwatch.health.check-interval";
    static final String STALL_AFTER = "packwatch.health.stall-after";
    static final String DLQ_PER_MINUTE = "packwatch.health.dlq-per-minute";
    static final String REPLACED_WITHIN = "packwatch.health.thread-replaced-within";
    static final List<String> CHECKS = List.of("broker", "registry", "stream-threads", "dlq");
    private static final Duration DLQ_WINDOW = Duration.ofMinutes(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final KafkaStreams streams;
    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final ThreadReplacements replacements;
    private final AtomicLong deadLetters;
    private final Clock clock;
    private final Duration interval;
    private final Duration stallAfter;
    private final long dlqPerMinute;
    private final Duration replacedWithin;
    private final Deque<long[]> dlqSamples = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "packwatch-health");
        t.setDaemon(true);
        return t;
    });
    private volatile HealthReport report = HealthReport.NONE;

    HealthMonitor(KafkaStreams streams, Admin admin, SchemaRegistryClient registry, ThreadReplacements replacements,
                  AtomicLong deadLetters, Map<String, String> settings, Clock clock) {
        this.streams = streams;
        this.admin = admin;
        this.registry = registry;
        this.replacements = replacements;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.interval = SettingDurations.positive(settings, INTERVAL, "PT5S");
        this.stallAfter = SettingDurations.positive(settings, STALL_AFTER, "PT60S");
        this.replacedWithin = SettingDurations.positive(settings, REPLACED_WITHIN, "PT5M");
        try {
            this.dlqPerMinute = Long.parseLong(settings.getOrDefault(DLQ_PER_MINUTE, "60").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + DLQ_PER_MINUTE + "' must be a whole number, got '"
                    + settings.get(DLQ_PER_MINUTE) + "'");
        }
    }

    void bindTo(MeterRegistry meters) {
        for (String check : CHECKS) {
            Gauge.builder("packwatch.health.check.ok", this, m -> m.report.problems().get(check) == null ? 1 : 0)
                    .tag("check", check).description("1 when the check passes, 0 when it fails (reason on /health)")
                    .register(meters);
        }
        FunctionCounter.builder("packwatch.dlq.records", deadLetters, AtomicLong::get)
                .description("records sent to the DLQ by this instance").register(meters);
        FunctionCounter.builder("packwatch.stream.thread.replacements", replacements.total(), AtomicLong::get)
                .description("stream threads replaced after an error").register(meters);
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::runChecks, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    HealthReport report() {
        return report;
    }

    private void runChecks() {
        try {
            Map<String, String> problems = new LinkedHashMap<>();
            problems.put("broker", broker());
            problems.put("registry", registry());
            problems.put("stream-threads", streamThreads());
            problems.put("dlq", dlq());
            HealthReport previous = report;
            report = new HealthReport(problems);
            problems.forEach((check, reason) -> {
                String before = previous.problems().get(check);
                if (reason != null && before == null) {
                    LOG.warn("event=health-degraded check={} reason=\"{}\"", check, reason);
                } else if (reason == null && before != null) {
                    LOG.info("event=health-recovered check={}", check);
                }
            });
        } catch (RuntimeException e) {
            // the monitor must keep running whatever one check throws
            LOG.warn("health check failed to run: {}", e.toString());
        }
    }

    private String broker() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis())).nodes()
                    .get(PROBE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "broker unreachable: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }

    private String registry() {
        try {
            registry.subjects();
            return null;
        } catch (RuntimeException e) {
            return "schema registry unreachable: " + e.getMessage();
        }
    }

    private String streamThreads() {
        for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
            MetricName name = m.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.name().equals("last-poll-seconds-ago") && name.group().equals("consumer-metrics")
                    && client.endsWith("-consumer") && !client.endsWith("restore-consumer")
                    && m.getValue().metricValue() instanceof Number seconds && seconds.doubleValue() > stallAfter.toSeconds()) {
                return "stream thread consumer " + client + " has not polled for " + seconds.longValue()
                        + " s (stalled; " + STALL_AFTER + " " + stallAfter + ")";
            }
        }
        Instant last = replacements.last();
        if (last != null && last.isAfter(clock.instant().minus(replacedWithin))) {
            return "a stream thread was replaced at " + last + " (" + replacements.total().get() + " since start): "
                    + replacements.lastReason();
        }
        return null;
    }

    private String dlq() {
        long now = clock.millis();
        long total = deadLetters.get();
        dlqSamples.addLast(new long[] {now, total});
        while (dlqSamples.size() > 1 && dlqSamples.peekFirst()[0] < now - DLQ_WINDOW.toMillis()) {
            dlqSamples.removeFirst();
        }
        long inWindow = total - dlqSamples.peekFirst()[1];
        return inWindow > dlqPerMinute ? inWindow + " records dead-lettered in the last minute (more than "
                + dlqPerMinute + ", " + DLQ_PER_MINUTE + ")" : null;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
