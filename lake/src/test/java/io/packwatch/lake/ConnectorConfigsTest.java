package io.packwatch.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigsTest {

    private static LakeSettings settings(String registryUrl, String jdbc, Duration interval) {
        return new LakeSettings("broker:9092", registryUrl, "pw", URI.create("file:///data/wh/"), jdbc, interval,
                Path.of("/plugins"), Path.of("/work"), 0, (short) 3);
    }

    @Test
    void everyPlaceholderIsResolvedFromTheSettings() {
        Map<String, Map<String, String>> connectors = ConnectorConfigs.resolved(
                settings("http://reg:8080/apis/ccompat/v7", null, Duration.ofSeconds(2)));

        assertThat(connectors).containsOnlyKeys("pw-lake-packages", "pw-lake-package-state", "pw-lake-alerts");
        connectors.forEach((name, config) -> {
            assertThat(config).allSatisfy((key, value) -> assertThat(value).as(key).doesNotContain("${"));
            assertThat(config).containsEntry("name", name)
                    .containsEntry("value.converter", "io.packwatch.lake.connect.RegistryAvroConverter")
                    .containsEntry("value.converter.schema.registry.url", "http://reg:8080/apis/ccompat/v7")
                    .containsEntry("iceberg.catalog.type", "hadoop")
                    .containsEntry("iceberg.catalog.warehouse", "file:///data/wh/")
                    .containsEntry("iceberg.kafka.bootstrap.servers", "broker:9092")
                    .containsEntry("iceberg.control.topic", "pw.lake.control")
                    .containsEntry("iceberg.control.commit.interval-ms", "2000")
                    .containsEntry("iceberg.control.commit.timeout-ms", "10000")
                    .containsEntry("iceberg.tables.evolve-schema-enabled", "true")
                    .containsEntry("errors.tolerance", "all")
                    .containsEntry("errors.retry.timeout", "600000")
                    .containsEntry("errors.deadletterqueue.topic.name", "pw.lake.dlq")
                    .containsEntry("errors.deadletterqueue.topic.replication.factor", "3")
                    .doesNotContainKey("iceberg.catalog.uri");
        });
        assertThat(connectors.get("pw-lake-packages")).containsEntry("topics", "pw.packages")
                .containsEntry("iceberg.tables", "packwatch.packages")
                .containsEntry("iceberg.table.packwatch.packages.partition-by", "day(observedAt),vendor");
        assertThat(connectors.get("pw-lake-alerts")).containsEntry("topics", "pw.alerts.depletion,pw.alerts.expiry")
                .containsEntry("iceberg.tables", "packwatch.alerts");
        assertThat(connectors.get("pw-lake-package-state")).containsEntry("topics", "pw.package-state");
    }

    @Test
    void jdbcCatalogAndIcebergsDefaultTimeoutForLongIntervals() {
        Map<String, String> config = ConnectorConfigs.resolved(settings("http://schema-registry:8081",
                "jdbc:sqlite:/data/catalog.db", Duration.ofMinutes(5))).get("pw-lake-packages");

        assertThat(config).containsEntry("iceberg.catalog.type", "jdbc")
                .containsEntry("iceberg.catalog.uri", "jdbc:sqlite:/data/catalog.db")
                .containsEntry("iceberg.catalog.jdbc.schema-version", "V1")
                .containsEntry("iceberg.control.commit.interval-ms", "300000")
                .containsEntry("iceberg.control.commit.timeout-ms", "30000")
                .containsEntry("value.converter.schema.registry.url", "http://schema-registry:8081");
    }

    @Test
    void anEmptyRegistryUrlOrIntervalIsRefusedAtStartWithTheReason() {
        assertThatThrownBy(() -> settings(" ", null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema registry URL is empty");
        assertThatThrownBy(() -> settings("http://reg/apis/ccompat/v7", null, Duration.ZERO))
                .hasMessageContaining("commit interval must be positive");
    }

    @Test
    void theWorkerReadsCommittedRecordsOnlyAndCallsIdleTasksEverySecond() {
        Map<String, String> props = LakeWorker.workerProps(settings("http://reg/apis/ccompat/v7", null,
                Duration.ofSeconds(1)), Map.of("security.protocol", "SASL_SSL"));

        assertThat(props).containsEntry("consumer.isolation.level", "read_committed")
                .containsEntry("offset.flush.interval.ms", "1000")
                .containsEntry("plugin.path", "/plugins")
                .containsEntry("security.protocol", "SASL_SSL");
    }
}
