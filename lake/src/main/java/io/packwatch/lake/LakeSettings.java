package io.packwatch.lake;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the in-process Connect worker writes where.
 *
 * @param bootstrapServers  the Kafka cluster holding the Packwatch topics
 * @param registryUrl       the registry's Confluent-compatible URL (Confluent's, or Apicurio's {@code .../apis/ccompat/v7}),
 *                          as for every other role
 * @param topicPrefix       prefix of the Packwatch topics ({@code packwatch})
 * @param warehouse         the Iceberg warehouse: a directory, or any URI the Hadoop file systems know
 * @param jdbcCatalogUri    a JDBC catalog ({@code jdbc:sqlite:/path/catalog.db}) instead of the Hadoop catalog; null: Hadoop
 * @param commitInterval    how often the sink commits to the tables (Iceberg's {@code iceberg.control.commit.interval-ms})
 * @param pluginPath        the Connect {@code plugin.path}: the directory holding the bundle's directory
 * @param workDir           the worker's own files (standalone offsets file)
 * @param restPort          the worker's REST port on loopback (0: any free port)
 * @param replicationFactor of the topics the worker creates (control topic, dead letters)
 */
public record LakeSettings(String bootstrapServers, String registryUrl, String topicPrefix, URI warehouse,
                           String jdbcCatalogUri, Duration commitInterval, Path pluginPath, Path workDir, int restPort,
                           short replicationFactor) {

    public LakeSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        Objects.requireNonNull(warehouse, "warehouse");
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commit interval must be positive, got " + commitInterval);
        }
        if (registryUrl.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is empty");
        }
    }

    public static URI warehouseUri(Path dir) {
        return dir.toAbsolutePath().normalize().toUri();
    }

    /** The values of the {@code ${env:NAME}} placeholders in deploy/connect/*.json. */
    Map<String, String> connectorVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PACKWATCH_TOPIC_PREFIX", topicPrefix);
        vars.put("PACKWATCH_BOOTSTRAP_SERVERS", bootstrapServers);
        vars.put("PACKWATCH_SCHEMA_REGISTRY_URL", registryUrl);
        vars.put("PACKWATCH_LAKE_WAREHOUSE", warehouse.toString());
        vars.put("PACKWATCH_LAKE_CATALOG_TYPE", jdbcCatalogUri == null ? "hadoop" : "jdbc");
        vars.put("PACKWATCH_LAKE_CATALOG_URI", jdbcCatalogUri == null ? "" : jdbcCatalogUri);
        vars.put("PACKWATCH_LAKE_COMMIT_INTERVAL_MS", String.valueOf(commitInterval.toMillis()));
        vars.put("PACKWATCH_LAKE_COMMIT_TIMEOUT_MS", String.valueOf(commitTimeout().toMillis()));
        vars.put("PACKWATCH_LAKE_TASKS", "1");
        vars.put("PACKWATCH_LAKE_REPLICATION_FACTOR", String.valueOf(replicationFactor));
        return vars;
    }

    /**
     * How long a commit waits for every task's data files before committing what it has (the rest follows in the next
     * commit): Iceberg's default of 30 s, shorter for short intervals so that a slow first round does not stall them.
     */
    Duration commitTimeout() {
        Duration fiveIntervals = commitInterval.multipliedBy(5);
        Duration iceberg = Duration.ofSeconds(30);
        return fiveIntervals.compareTo(iceberg) < 0 ? fiveIntervals : iceberg;
    }

    String controlTopic() {
        return topicPrefix + ".lake.control";
    }

    String deadLetterTopic() {
        return topicPrefix + ".lake.dlq";
    }
}
