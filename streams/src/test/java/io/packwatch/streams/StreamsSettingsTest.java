package io.packwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aKeyWrittenTwiceIsAnError() throws Exception {
        Path file = dir.resolve("twice.yaml");
        Files.writeString(file, "kafka:\n  bootstrap.servers: a:9092\n  bootstrap.servers: b:9092\n");
        assertThatThrownBy(() -> StreamsSettings.load(file, Map.of()))
                .hasMessageContaining("Duplicate field 'bootstrap.servers'").hasMessageContaining(file.toString());
    }

    @Test
    void yamlFileWithKafkaPassThroughAndEnvOverrides() throws Exception {
        Path file = dir.resolve("streams.yaml");
        Files.writeString(file, """
                packwatch:
                  topic.prefix: acme
                  http:
                    port: 9090
                  alerts:
                    usage.bands: "80,90,100"
                kafka:
                  bootstrap.servers: broker:9092
                  security.protocol: SASL_SSL
                  sasl:
                    mechanism: PLAIN
                    jaas.config: "org.apache.kafka.common.security.plain.PlainLoginModule required password=\\"s3cret\\";"
                  schema.registry.url: http://user:pw@registry:8081/apis/ccompat/v7
                """);
        StreamsSettings s = StreamsSettings.load(file, Map.of(
                "PACKWATCH_HTTP_PORT", "9191",
                "PACKWATCH_KAFKA_APPLICATION_ID", "pw-prod",
                "UNRELATED", "x"));

        assertThat(s.httpPort()).isEqualTo(9191);
        assertThat(s.applicationId()).isEqualTo("pw-prod");
        assertThat(s.topics().packages().name()).isEqualTo("acme.packages");
        assertThat(s.raw()).containsEntry("packwatch.alerts.usage.bands", "80,90,100");
        assertThat(s.kafka())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:9191")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "acme.dlq")
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true")
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        assertThat(s.kafka().get("sasl.jaas.config")).contains("s3cret");
        assertThat(s.describe().toString()).doesNotContain("s3cret").doesNotContain("user:pw");
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void propertiesFileAndExplicitGuaranteeWins() throws Exception {
        Path file = dir.resolve("streams.properties");
        Files.writeString(file, "bootstrap.servers=b:9092\nschema.registry.url=mock://x\nprocessing.guarantee=at_least_once\n");
        StreamsSettings s = StreamsSettings.load(file, Map.of());
        assertThat(s.kafka()).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once");
        assertThat(s.topics().dlq().name()).isEqualTo("packwatch.dlq");
    }

    @Test
    void missingOrBadSettingsNameTheKey() {
        assertThatThrownBy(() -> StreamsSettings.fromMap(Map.of("schema.registry.url", "mock://x")))
                .hasMessageContaining("'bootstrap.servers'").hasMessageContaining("PACKWATCH_KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> StreamsSettings.fromMap(Map.of("bootstrap.servers", "b:1")))
                .hasMessageContaining("'schema.registry.url'");
        assertThatThrownBy(() -> StreamsSettings.fromMap(Map.of("bootstrap.servers", "b:1", "schema.registry.url", "mock://x",
                "packwatch.http.port", "eighty")))
                .hasMessageContaining("'packwatch.http.port' must be an integer");
    }
}
