package io.packwatch.streams.bench;

import io.packwatch.core.VendorApi;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.PackwatchTopology;
import io.packwatch.streams.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Stream-thread CPU per input record of the production topology (and of normalization alone), without a broker:
 * a TopologyTestDriver with real RocksDB stores and an in-memory registry. Shows how much of the gap to the
 * pass-through app is computation in our processors. Run with
 * {@code ./mvnw -B -q -o -pl streams test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.packwatch.streams.bench.TopologyCpuProbe -Dexec.args="20000 5 3"} (packages, polls, rounds)
 */
public final class TopologyCpuProbe {
    private static final long GIB = 1L << 30;

    public static void main(String[] args) throws Exception {
        int packages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int polls = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 0; round < rounds; round++) {
            System.out.printf("round %d: normalize %.1f us/record, full topology %.1f us/record%n", round,
                    run(false, packages, polls), run(true, packages, polls));
        }
    }

    /** Settings for a TopologyTestDriver run: a fresh temp state dir and in-memory registry, no broker. */
    static StreamsSettings driverSettings(String name) throws java.io.IOException {
        return driverSettings(name, Map.of());
    }

    /** {@link #driverSettings(String)} with {@code extra} settings on top. */
    static StreamsSettings driverSettings(String name, Map<String, String> extra) throws java.io.IOException {
        Path dir = Files.createTempDirectory("packwatch-" + name);
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "bootstrap.servers", "unused:9092",
                "schema.registry.url", "mock://" + name + "-" + UUID.randomUUID(),
                "application.id", "packwatch-" + name,
                StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        config.putAll(extra);
        return StreamsSettings.fromMap(config);
    }

    private static double run(boolean full, int packages, int polls) throws Exception {
        StreamsSettings settings = driverSettings("cpu-probe");
        Topology topology;
        if (full) {
            topology = PackwatchTopology.build(settings);
        } else {
            topology = NormalizeOnly.topology(settings);
        }
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        long nanos;
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, settings.streamsProperties(), start)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(settings.topics().raw(VendorApi.BAIDU_EIP).name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            byte[][][] records = new byte[polls][packages][];
            for (int poll = 0; poll < polls; poll++) {
                for (int p = 0; p < packages; p++) {
                    records[poll][p] = envelope(p, poll, start.plus(Duration.ofMinutes(poll)));
                }
            }
            long t0 = System.nanoTime();
            for (int poll = 0; poll < polls; poll++) {
                Instant at = start.plus(Duration.ofMinutes(poll));
                for (int p = 0; p < packages; p++) {
                    in.pipeInput("baidu-eip/bench/bj/tp-b" + p, records[poll][p], at);
                }
                // the driver keeps every output record; drop them so the heap holds only the stores
                for (String topic : driver.producedTopicNames()) {
                    var out = driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
                    if (poll == polls - 1 && !out.isEmpty()) {
                        System.out.printf("  %s: %d records, %d value bytes each%n", topic, out.size(),
                                out.stream().mapToLong(r -> r.value() == null ? 0 : r.value().length).sum() / out.size());
                    }
                }
            }
            nanos = System.nanoTime() - t0;
        }
        return nanos / 1e3 / ((double) packages * polls);
    }

    private static byte[] envelope(int p, int poll, Instant at) {
        // the same input as StateBenchmarkIT
        return Envelopes.benchBaiduPackage("bench", "tp-b" + p, (long) (p % 100) * GIB / 10 + poll * 1_000_000L, "poll-" + poll, at);
    }
}
