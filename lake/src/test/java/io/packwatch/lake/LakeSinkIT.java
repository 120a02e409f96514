package io.packwatch.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.topics.Topics;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The three sink connectors on a Connect worker, the real broker and the real registry; tables read back two ways. */
@ExtendWith(KafkaAndRegistryExtension.class)
class LakeSinkIT {

    static final Path PLUGIN_PATH = Path.of("target/plugins").toAbsolutePath();
    static final Path DUCKDB_JAR = Path.of("target/query-lib/duckdb_jdbc.jar").toAbsolutePath();
    static final Duration COMMIT_WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void tablesHoldExactlyTheCommittedTopicRecordsWithTheirValues() throws Exception {
        String prefix = KafkaTestClients.unique("lake");
        Topics topics = createTopics(prefix);
        List<PackageSnapshot> snapshots = new ArrayList<>();
        for (int n = 0; n < 240; n++) {
            snapshots.add(LakeRecords.snapshot(n));
        }
        List<PackageState> states = snapshots.stream().map(LakeRecords::state).toList();
        produce(topics.packages().name(), topics.packages().valueSerde().serializer(), snapshots, PackageSnapshot::getPackageKey);
        produce(topics.packageState().name(), topics.packageState().valueSerde().serializer(), states, PackageState::getPackageKey);
        // alerts as the streams app writes them: in transactions; an aborted one must not reach the table
        List<PackageAlert> committed = produceAlerts(topics, snapshots);

        Path warehouse = dir.resolve("warehouse");
        try (LakeWorker worker = LakeWorker.start(settings(prefix, warehouse, Duration.ofSeconds(1)), Map.of());
             LakeTablesReader lake = new LakeTablesReader(warehouse)) {
            worker.awaitRunning(Duration.ofMinutes(1));
            await().atMost(COMMIT_WAIT).until(() -> lake.rows("packages").size() >= snapshots.size()
                    && lake.rows("package_state").size() >= states.size() && lake.rows("alerts").size() >= committed.size());

            // Iceberg's API: the current snapshots hold each record once, with its values
            Map<String, Record> packages = byKey(lake.rows("packages"), "pollId");
            assertThat(lake.rows("packages")).hasSize(snapshots.size());
            for (PackageSnapshot snapshot : snapshots) {
                Record row = packages.get(snapshot.getPollId());
                assertThat(row.getField("packageKey")).isEqualTo(snapshot.getPackageKey());
                assertThat(row.getField("vendor")).isEqualTo(snapshot.getVendor().name());
                assertThat(row.getField("used")).isEqualTo(snapshot.getUsed());
                assertThat(row.getField("remaining")).isEqualTo(snapshot.getRemaining());
                assertThat(row.getField("observedAt")).isEqualTo(utc(snapshot.getObservedAt()));
                assertThat(row.getField("tags")).isEqualTo(Map.of("team", snapshot.getTags().get("team")));
            }
            assertThat(lake.table("packages").spec().fields()).extracting(PartitionField::name)
                    .containsExactly("observedAt_day", "vendor");
            assertThat(lake.rows("package_state")).hasSize(states.size());
            assertThat(lake.rows("alerts")).extracting(r -> r.getField("eventId"))
                    .containsExactlyInAnyOrderElementsOf(committed.stream().map(PackageAlert::getEventId).toList());
            assertThat(lake.table("alerts").spec().fields()).extracting(PartitionField::name).containsExactly("detectedAt_day");

            // DuckDB over the live Parquet files: same counts and values, instants in UTC
            try (LakeQuery query = LakeQuery.open(warehouse, DUCKDB_JAR); Statement sql = query.connection().createStatement()) {
                assertThat(single(sql, "SELECT count(*) FROM packages")).isEqualTo(240L);
                assertThat(single(sql, "SELECT count(DISTINCT pollId) FROM packages")).isEqualTo(240L);
                PackageSnapshot last = snapshots.get(239);
                try (ResultSet row = sql.executeQuery("SELECT used, strftime(observedAt, '%Y-%m-%dT%H:%M:%S.%gZ') "
                        + "FROM packages WHERE pollId = 'poll-239'")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getLong(1)).isEqualTo(last.getUsed());
                    assertThat(row.getString(2)).isEqualTo(last.getObservedAt().toString());
                }
                assertThat(single(sql, "SELECT count(*) FROM packages WHERE vendor = 'BAIDU'")).isEqualTo(120L);
                // one row per package in the latest-state view, each the newest state of its package
                assertThat(single(sql, "SELECT count(*) FROM package_state_latest")).isEqualTo(8L);
                assertThat(single(sql, "SELECT snapshot.pollId FROM package_state_latest "
                        + "WHERE packageKey = '" + last.getPackageKey() + "'")).isEqualTo("poll-239");
                assertThat(single(sql, "SELECT count(*) FROM alerts")).isEqualTo((long) committed.size());
            }
        }
    }

    static Topics createTopics(String prefix) {
        Topics topics = Topics.create(prefix, TestInfra.serdeConfig());
        KafkaTestClients.createTopics(3, topics.packages().name(), topics.packageState().name(),
                topics.alertsDepletion().name(), topics.alertsExpiry().name());
        return topics;
    }

    static LakeSettings settings(String prefix, Path warehouse, Duration commitInterval) {
        return new LakeSettings(TestInfra.kafka().bootstrapServers(), TestInfra.registry().url(), prefix,
                LakeSettings.warehouseUri(warehouse), null, commitInterval, PLUGIN_PATH,
                warehouse.resolveSibling("connect-" + prefix), 0, (short) 1);
    }

    static <T> void produce(String topic, org.apache.kafka.common.serialization.Serializer<T> serializer, List<T> values,
                            Function<T, String> key) throws Exception {
        try (var producer = new KafkaProducer<>(KafkaTestClients.producerProps(), new StringSerializer(), serializer)) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(topic, key.apply(value), value));
            }
            producer.flush();
        }
    }

    private static List<PackageAlert> produceAlerts(Topics topics, List<PackageSnapshot> snapshots) {
        Properties props = KafkaTestClients.producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaTestClients.unique("lake-alerts"));
        List<PackageAlert> committed = new ArrayList<>();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), topics.alertsDepletion().valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int n = 0; n < 12; n++) {
                PackageAlert depletion = LakeRecords.alert(snapshots.get(n), AlertType.DEPLETION_FORECAST, "dep-" + n);
                PackageAlert expiry = LakeRecords.alert(snapshots.get(n), AlertType.EXPIRING, "exp-" + n);
                producer.send(new ProducerRecord<>(topics.alertsDepletion().name(), depletion.getAlertKey(), depletion));
                producer.send(new ProducerRecord<>(topics.alertsExpiry().name(), expiry.getAlertKey(), expiry));
                committed.add(depletion);
                committed.add(expiry);
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int n = 0; n < 5; n++) {
                PackageAlert aborted = LakeRecords.alert(snapshots.get(n), AlertType.STALE, "aborted-" + n);
                producer.send(new ProducerRecord<>(topics.alertsDepletion().name(), aborted.getAlertKey(), aborted));
            }
            producer.flush();
            producer.abortTransaction();
        }
        return committed;
    }

    static Map<String, Record> byKey(List<Record> rows, String field) {
        Map<String, Record> byKey = new HashMap<>();
        for (Record row : rows) {
            assertThat(byKey.put((String) row.getField(field), row)).as("duplicate " + field + " " + row.getField(field)).isNull();
        }
        return byKey;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Object single(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getObject(1);
        }
    }
}
