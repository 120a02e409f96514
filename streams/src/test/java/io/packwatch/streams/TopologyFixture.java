package io.packwatch.streams;

import io.packwatch.core.VendorApi;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import io.packwatch.streams.state.LatestSnapshots;
import io.packwatch.streams.state.PackageStore;

/** The production topology in a TopologyTestDriver, with an in-memory registry of its own (mock://unique). */
final class TopologyFixture implements AutoCloseable {
    final StreamsSettings settings;
    final Topics topics;
    final TopologyTestDriver driver;
    final Map<VendorApi, TestInputTopic<String, byte[]>> raw = new EnumMap<>(VendorApi.class);
    final TestOutputTopic<String, PackageSnapshot> packages;
    final TestOutputTopic<byte[], byte[]> dlq;

    TopologyFixture(Path stateDir) {
        this(stateDir, Map.of());
    }

    TopologyFixture(Path stateDir, Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "bootstrap.servers", "unused:9092",
                "schema.registry.url", "mock://streams-test-" + UUID.randomUUID(),
                "application.id", "packwatch-streams-test",
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
        config.putAll(extra);
        settings = StreamsSettings.fromMap(config);
        topics = settings.topics();
        driver = new TopologyTestDriver(PackwatchTopology.build(settings), settings.streamsProperties());
        for (VendorApi api : VendorApi.values()) {
            raw.put(api, driver.createInputTopic(topics.raw(api).name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer()));
        }
        packages = driver.createOutputTopic(topics.packages().name(), topics.packages().keySerde().deserializer(),
                topics.packages().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.dlq().name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    void pipe(VendorApi api, String key, byte[] value, Instant timestamp) {
        raw.get(api).pipeInput(key, value, timestamp);
    }

    LatestSnapshots latest() {
        return LatestSnapshots.over(driver.getKeyValueStore(PackageStore.NAME));
    }

    @Override
    public void close() {
        driver.close();
    }
}
