package io.packwatch.streams.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/** {@code GET /health} (200 only when the client and every stream thread are RUNNING) and {@code GET /metrics}. */
public final class OperationsResource {
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;

    public OperationsResource(KafkaStreams streams, PrometheusMeterRegistry registry) {
        this.streams = streams;
        this.registry = registry;
    }

    public void register(Router router) {
        router.add("GET", "/health", request -> health());
        router.add("GET", "/metrics", request -> ApiResponse.text(200, registry.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
    }

    ApiResponse health() {
        KafkaStreams.State state = streams.state();
        List<Map<String, String>> threads = streams.metadataForLocalThreads().stream()
                .map(t -> Map.of("name", t.threadName(), "state", t.threadState()))
                .toList();
        boolean ready = state == KafkaStreams.State.RUNNING && !threads.isEmpty()
                && streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadState).allMatch("RUNNING"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("state", state.name());
        body.put("threads", threads);
        return ApiResponse.json(ready ? 200 : 503, body);
    }
}
