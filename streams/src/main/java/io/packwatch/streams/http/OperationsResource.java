package io.packwatch.streams.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * {@code GET /health}, {@code GET /ready} and {@code GET /metrics}.
 * <ul>
 *   <li>{@code DOWN} (503 on both): the client or a stream thread is not RUNNING (starting, rebalancing, failed);</li>
 *   <li>{@code DEGRADED} (200 on /health, 503 on /ready): running, but a check failed: the broker or the registry is
 *       unreachable, a stream thread is stalled or was replaced recently, the DLQ rate is high; {@code reasons} says
 *       which and why;</li>
 *   <li>{@code UP} (200 on both).</li>
 * </ul>
 * Liveness probes use /health (a broker outage is no reason to restart the app), readiness probes /ready.
 */
public final class OperationsResource {
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private final Supplier<HealthReport> checks;

    public OperationsResource(KafkaStreams streams, PrometheusMeterRegistry registry) {
        this(streams, registry, () -> HealthReport.NONE);
    }

    public OperationsResource(KafkaStreams streams, PrometheusMeterRegistry registry, Supplier<HealthReport> checks) {
        this.streams = streams;
        this.registry = registry;
        this.checks = checks;
    }

    public void register(Router router) {
        router.add("GET", "/health", request -> health());
        router.add("GET", "/ready", request -> ready());
        router.add("GET", "/metrics", request -> ApiResponse.text(200, registry.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
    }

    ApiResponse health() {
        Map<String, Object> body = report();
        return ApiResponse.json("DOWN".equals(body.get("status")) ? 503 : 200, body);
    }

    ApiResponse ready() {
        Map<String, Object> body = report();
        return ApiResponse.json("UP".equals(body.get("status")) ? 200 : 503, body);
    }

    private Map<String, Object> report() {
        KafkaStreams.State state = streams.state();
        List<Map<String, String>> threads = streams.metadataForLocalThreads().stream()
                .map(t -> Map.of("name", t.threadName(), "state", t.threadState()))
                .toList();
        boolean running = state == KafkaStreams.State.RUNNING && !threads.isEmpty()
                && streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadState).allMatch("RUNNING"::equals);
        Map<String, String> reasons = new TreeMap<>();
        checks.get().problems().forEach((check, reason) -> {
            if (reason != null) {
                reasons.put(check, reason);
            }
        });
        if (!running) {
            reasons.put("streams", "client " + state + (threads.isEmpty() ? ", no stream thread" : ""));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !running ? "DOWN" : reasons.isEmpty() ? "UP" : "DEGRADED");
        body.put("state", state.name());
        body.put("threads", threads);
        body.put("reasons", reasons);
        return body;
    }
}
