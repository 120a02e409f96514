package io.packwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.packwatch.streams.PackwatchTopology;
import io.packwatch.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsResourceTest {
    @TempDir
    Path stateDir;

    @Test
    void healthIsDownUntilTheClientRunsAndMetricsIncludeKafkaStreams() throws Exception {
        StreamsSettings settings = StreamsSettings.fromMap(Map.of("bootstrap.servers", "127.0.0.1:1",
                "schema.registry.url", "mock://ops-" + UUID.randomUUID(), StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
        KafkaStreams streams = new KafkaStreams(PackwatchTopology.build(settings), settings.streamsProperties());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams)) {
            metrics.bindTo(registry);
            OperationsResource ops = new OperationsResource(streams, registry);

            ApiResponse health = ops.health();
            assertThat(health.status()).isEqualTo(503);
            @SuppressWarnings("unchecked") Map<String, Object> body = (Map<String, Object>) health.json();
            assertThat(body).containsEntry("status", "DOWN").containsEntry("state", "CREATED");

            Router router = new Router();
            ops.register(router);
            ApiResponse scrape = router.dispatch("GET", "/metrics", Map.of(), false);
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.contentType()).startsWith("text/plain");
            assertThat(scrape.text()).contains("kafka_stream_");
        } finally {
            registry.close();
            streams.close(Duration.ofSeconds(5));
        }
    }
}
