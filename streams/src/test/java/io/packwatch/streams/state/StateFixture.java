package io.packwatch.streams.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.PackwatchTopology;
import io.packwatch.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology (normalize + state and alerts) in a TopologyTestDriver with an in-memory registry. */
final class StateFixture implements AutoCloseable {

    static final Instant WALL_CLOCK_START = Instant.parse("2026-11-23T00:00:00Z");

    final StreamsSettings settings;
    final TopologyTestDriver driver;
    final Map<VendorApi, TestInputTopic<String, byte[]>> raw = new EnumMap<>(VendorApi.class);
    final TestOutputTopic<String, PackageState> states;
    final TestOutputTopic<String, PoolState> poolStates;
    final TestOutputTopic<String, PackageAlert> depletion;
    final TestOutputTopic<String, PackageAlert> expiry;

    StateFixture(Path stateDir, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "bootstrap.servers", "unused:9092",
                "schema.registry.url", "mock://state-test-" + UUID.randomUUID(),
                "application.id", "packwatch-state-test",
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
        config.putAll(extra);
        settings = StreamsSettings.fromMap(config);
        Topics topics = settings.topics();
        driver = new TopologyTestDriver(PackwatchTopology.build(settings), settings.streamsProperties(), WALL_CLOCK_START);
        for (VendorApi api : VendorApi.values()) {
            raw.put(api, driver.createInputTopic(topics.raw(api).name(), Serdes.String().serializer(), Serdes.ByteArray().serializer()));
        }
        states = driver.createOutputTopic(topics.packageState().name(), Serdes.String().deserializer(),
                topics.packageState().valueSerde().deserializer());
        poolStates = driver.createOutputTopic(topics.poolState().name(), Serdes.String().deserializer(),
                topics.poolState().valueSerde().deserializer());
        depletion = driver.createOutputTopic(topics.alertsDepletion().name(), Serdes.String().deserializer(),
                topics.alertsDepletion().valueSerde().deserializer());
        expiry = driver.createOutputTopic(topics.alertsExpiry().name(), Serdes.String().deserializer(),
                topics.alertsExpiry().valueSerde().deserializer());
    }

    /** Pipes one raw envelope as the collector would: key = package key, timestamp = collectedAt. */
    void pipe(VendorApi api, String packageKey, ObjectNode envelope, Instant collectedAt) {
        raw.get(api).pipeInput(packageKey, Envelopes.bytes(envelope), collectedAt);
    }

    List<PackageAlert> depletionAlerts() {
        return depletion.readRecordsToList().stream().map(TestRecord::value).toList();
    }

    List<PackageAlert> expiryAlerts() {
        return expiry.readRecordsToList().stream().map(TestRecord::value).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
