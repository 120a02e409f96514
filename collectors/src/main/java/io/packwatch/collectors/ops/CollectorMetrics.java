package io.packwatch.collectors.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.publish.PublishListener;
import io.packwatch.collectors.retry.CallOutcomeListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The collector's Micrometer meters (exported as Prometheus text by {@link OpsServer}). */
public final class CollectorMetrics {
    private final MeterRegistry registry;
    private final VendorApi api;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public CollectorMetrics(MeterRegistry registry, VendorApi api) {
        this.registry = registry;
        this.api = api;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public CallOutcomeListener callListener(String account) {
        return new CallOutcomeListener() {
            @Override
            public void onAttempt(String outcome, String code) {
                Counter.builder("packwatch.collector.requests").description("Vendor API requests by outcome and error code")
                        .tags("api", api.id(), "account", account, "outcome", outcome, "code", code == null ? "" : code)
                        .register(registry).increment();
            }

            @Override
            public void onRetry(String code) {
                Counter.builder("packwatch.collector.retries").description("Vendor API requests retried")
                        .tags("api", api.id(), "account", account, "code", code == null ? "" : code)
                        .register(registry).increment();
            }

            @Override
            public void onThrottled() {
                Counter.builder("packwatch.collector.throttles").description("Rate-limit errors that slowed the pacing")
                        .tags("api", api.id(), "account", account).register(registry).increment();
            }
        };
    }

    public PublishListener publishListener() {
        return reason -> Counter.builder("packwatch.collector.publish.failures")
                .description("Kafka sends that failed and were retried").tags("api", api.id(), "reason", reason)
                .register(registry).increment();
    }

    public void page(String account, String region, int packages) {
        Counter.builder("packwatch.collector.pages").description("Vendor pages fetched")
                .tags("api", api.id(), "account", account, "region", region).register(registry).increment();
        Counter.builder("packwatch.collector.packages.published").description("Package records published")
                .tags("api", api.id(), "account", account, "region", region).register(registry).increment(packages);
    }

    public void pollFinished(String account, String region, boolean complete, Instant finishedAt) {
        Counter.builder("packwatch.collector.polls").description("Account/region polls by result")
                .tags("api", api.id(), "account", account, "region", region, "result", complete ? "complete" : "incomplete")
                .register(registry).increment();
        if (complete) {
            lastSuccess.computeIfAbsent(account + "/" + region, k -> registry.gauge(
                    "packwatch.collector.last.success.timestamp.seconds",
                    io.micrometer.core.instrument.Tags.of("api", api.id(), "account", account, "region", region),
                    new AtomicLong(), AtomicLong::doubleValue)).set(finishedAt.getEpochSecond());
        }
    }

    public void cycleFinished(Duration duration, boolean complete) {
        Timer.builder("packwatch.collector.cycle.duration").description("Duration of a whole poll cycle")
                .tags("api", api.id(), "result", complete ? "complete" : "incomplete").register(registry).record(duration);
    }
}
