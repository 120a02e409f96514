package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.core.topics.Topics;
import io.packwatch.lake.LakeQuery;
import io.packwatch.lake.LakeSettings;
import io.packwatch.lake.LakeWorker;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake fed by the real pipeline: simulators → collectors → streams app on the real broker and registry, then the
 * lake's Connect worker into a fresh warehouse. Each table must hold exactly the records its topics hold
 * (read_committed), with the same values.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class PipelineLakeIT {

    private static final int POLL_SECONDS = 2;
    /** Packages in scenarios/pipeline.yaml: 3 VPC, 3 Lighthouse, 2 Live, 3 EIP. */
    private static final int SCENARIO_PACKAGES = 11;
    private static final int POLLS = 3;
    private static final Path PLUGIN_PATH = Path.of("../lake/target/plugins").toAbsolutePath().normalize();
    private static final Path DUCKDB_JAR = Path.of("../lake/target/query-lib/duckdb_jdbc.jar").toAbsolutePath().normalize();
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path data;

    @Test
    void lakeTablesHoldExactlyThePipelinesCommittedRecords() throws Exception {
        assertThat(PLUGIN_PATH).as("the lake's plugin bundle (built by the lake module's package phase)").isDirectory();
        // topics of its own, so that the other pipeline ITs on this broker neither see this run's records nor add theirs
        String prefix = KafkaTestClients.unique("pwlake");
        Topics topics = Topics.create(prefix, TestInfra.serdeConfig());
        String bootstrap = TestInfra.kafka().bootstrapServers();
        String applicationId = KafkaTestClients.unique("pw-pipeline-lake");

        List<String> rawTopics = Arrays.stream(VendorApi.values()).map(api -> topics.raw(api).name()).toList();
        try (Admin admin = KafkaTestClients.admin()) {
            try (SimulatedVendors vendors = SimulatedVendors.start(scenario(), data);
                 StreamsApp streams = StreamsApp.start(StreamsSettings.fromMap(streamsSettings(bootstrap, applicationId, prefix)))) {
                try (CollectorHost collectors = new CollectorHost(collectorConfigs(vendors, bootstrap, prefix), 0, "127.0.0.1")) {
                    collectors.startDaemons();
                    // a few polls' worth of raw records (the collectors' producers are not transactional: a raw
                    // topic's end offset is its record count; raw records need not map 1:1 to snapshots)
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                            endOffsetSum(admin, rawTopics) >= (long) POLLS * SCENARIO_PACKAGES);
                }
                // collectors stopped: the streams app has settled once it committed every raw record it was given.
                // It is closed before the lake starts, so no punctuation (STALE, forecasts) adds records meanwhile.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> lag(admin, applicationId, rawTopics) == 0);
            }
        }

        List<ConsumerRecord<String, PackageSnapshot>> packages =
                readCommitted(topics.packages().name(), topics.packages().valueSerde().deserializer());
        List<ConsumerRecord<String, PackageState>> states =
                readCommitted(topics.packageState().name(), topics.packageState().valueSerde().deserializer());
        List<ConsumerRecord<String, PackageAlert>> alerts = new ArrayList<>(
                readCommitted(topics.alertsDepletion().name(), topics.alertsDepletion().valueSerde().deserializer()));
        alerts.addAll(readCommitted(topics.alertsExpiry().name(), topics.alertsExpiry().valueSerde().deserializer()));
        assertThat(packages).as("at least one full poll normalized").hasSizeGreaterThanOrEqualTo(SCENARIO_PACKAGES);
        assertThat(states).isNotEmpty();
        assertThat(alerts).isNotEmpty();
        Map<String, Long> topicCounts = new LinkedHashMap<>();
        topicCounts.put("packages", (long) packages.size());
        topicCounts.put("package_state", (long) states.size());
        topicCounts.put("alerts", (long) alerts.size());

        Path warehouse = data.resolve("warehouse");
        LakeSettings settings = new LakeSettings(bootstrap, TestInfra.registry().url(), prefix,
                LakeSettings.warehouseUri(warehouse), null, Duration.ofSeconds(1), PLUGIN_PATH, data.resolve("connect"),
                0, (short) 1);
        try (LakeWorker worker = LakeWorker.start(settings, Map.of())) {
            worker.awaitRunning(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> tableCounts(warehouse), topicCounts::equals);
        }
        System.out.println("PipelineLakeIT topic = table counts: " + topicCounts);

        try (LakeQuery lake = LakeQuery.open(warehouse, DUCKDB_JAR); Statement sql = lake.connection().createStatement()) {
            assertThat(single(sql, "SELECT count(*) FROM (SELECT DISTINCT packageKey, pollId FROM packages)"))
                    .as("one row per snapshot").isEqualTo((long) packages.size());
            assertThat(single(sql, "SELECT count(DISTINCT eventId) FROM alerts")).as("one row per alert event")
                    .isEqualTo((long) alerts.size());
            for (PackageSnapshot snapshot : List.of(packages.get(0).value(), packages.get(packages.size() - 1).value())) {
                assertPackageRow(lake, snapshot);
            }
            for (PackageAlert alert : List.of(alerts.get(0).value(), alerts.get(alerts.size() - 1).value())) {
                assertAlertRow(lake, alert);
            }
        }
    }

    private static void assertPackageRow(LakeQuery lake, PackageSnapshot snapshot) throws SQLException {
        try (PreparedStatement row = lake.connection().prepareStatement("SELECT used, remaining, epoch_ms(observedAt), "
                + "strftime(observedAt, '%Y-%m-%dT%H:%M:%S.%gZ') FROM packages WHERE packageKey = ? AND pollId = ?")) {
            row.setString(1, snapshot.getPackageKey());
            row.setString(2, snapshot.getPollId());
            try (ResultSet rows = row.executeQuery()) {
                assertThat(rows.next()).as(snapshot.getPackageKey() + " " + snapshot.getPollId()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(snapshot.getUsed());
                assertThat(rows.getLong(2)).isEqualTo(snapshot.getRemaining());
                assertThat(rows.getLong(3)).isEqualTo(snapshot.getObservedAt().toEpochMilli());
                assertThat(rows.getString(4)).isEqualTo(UTC_MILLIS.format(snapshot.getObservedAt()));
                assertThat(rows.next()).isFalse();
            }
        }
    }

    private static void assertAlertRow(LakeQuery lake, PackageAlert alert) throws SQLException {
        try (PreparedStatement row = lake.connection().prepareStatement(
                "SELECT \"type\", \"state\", alertKey, epoch_ms(observedAt) FROM alerts WHERE eventId = ?")) {
            row.setString(1, alert.getEventId());
            try (ResultSet rows = row.executeQuery()) {
                assertThat(rows.next()).as(alert.getEventId()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(alert.getType().name());
                assertThat(rows.getString(2)).isEqualTo(alert.getState().name());
                assertThat(rows.getString(3)).isEqualTo(alert.getAlertKey());
                assertThat(rows.getLong(4)).isEqualTo(alert.getObservedAt().toEpochMilli());
                assertThat(rows.next()).isFalse();
            }
        }
    }

    /** Row counts of the three tables as DuckDB reads their live Parquet files now; -1 for a table not written yet. */
    private static Map<String, Long> tableCounts(Path warehouse) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (LakeQuery lake = LakeQuery.open(warehouse, DUCKDB_JAR); Statement sql = lake.connection().createStatement()) {
            Set<String> present = new HashSet<>();
            try (ResultSet views = sql.executeQuery("SELECT table_name FROM information_schema.tables")) {
                while (views.next()) {
                    present.add(views.getString(1));
                }
            }
            for (String table : List.of("packages", "package_state", "alerts")) {
                counts.put(table, present.contains(table) ? (Long) single(sql, "SELECT count(*) FROM " + table) : -1L);
            }
        }
        return counts;
    }

    private static Object single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getObject(1);
        }
    }

    /** Every record of the topic, read_committed, from the start up to its end offsets. */
    private static <V> List<ConsumerRecord<String, V>> readCommitted(String topic, Deserializer<V> values) throws Exception {
        Map<String, Object> config = new HashMap<>();
        KafkaTestClients.consumerProps(KafkaTestClients.unique("pipeline-lake")).forEach((k, v) -> config.put(k.toString(), v));
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("reading " + topic + " up to " + ends).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static long endOffsetSum(Admin admin, List<String> topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<String> present = topics.stream().filter(existing::contains).toList();
        return KafkaTestClients.endOffsets(admin, present).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Records the streams app has not committed yet, over the raw topics and every other topic it consumes (internal
     * ones included, should the topology gain any): a partition it never committed counts whole.
     */
    private static long lag(Admin admin, String applicationId, List<String> rawTopics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Set<String> consumed = new HashSet<>(rawTopics);
        committed.keySet().forEach(partition -> consumed.add(partition.topic()));
        Set<String> existing = admin.listTopics().names().get();
        List<String> present = consumed.stream().filter(existing::contains).toList();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(present).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    private static Scenario scenario() throws Exception {
        try (InputStream in = PipelineLakeIT.class.getResourceAsStream("/scenarios/pipeline.yaml")) {
            return Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The collectors' configs for the simulators, writing to {@code <prefix>.raw.<api>}. */
    private List<CollectorConfig> collectorConfigs(SimulatedVendors vendors, String bootstrap, String prefix) throws Exception {
        List<CollectorConfig> configs = vendors.collectorConfigs(data.resolve("collectors"), bootstrap, POLL_SECONDS, prefix);
        assertThat(configs).hasSize(4).allSatisfy(config -> assertThat(config.topic()).startsWith(prefix + ".raw."));
        return configs;
    }

    private Map<String, String> streamsSettings(String bootstrap, String applicationId, String prefix) throws Exception {
        Map<String, String> settings = new HashMap<>(LocalStack.streamsSettings(bootstrap, TestInfra.registry().url(),
                data.resolve("streams-state"), freePort()));
        settings.putAll(LocalStack.demoSettings(Duration.ofSeconds(POLL_SECONDS)));
        settings.put("application.id", applicationId);
        settings.put("commit.interval.ms", "100");
        settings.put(StreamsSettings.TOPIC_PREFIX, prefix);
        return settings;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
