package io.packwatch.streams.bench;

import io.packwatch.core.VendorApi;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.PackwatchTopology;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.pools.PoolRecordSerde;
import io.packwatch.streams.pools.PoolSettings;
import io.packwatch.streams.pools.PoolTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the pool stage costs: stream-thread CPU per raw snapshot of the production topology with pools on and with
 * {@code packwatch.pools.enabled=false}, alternating in one JVM (so both see the same machine load and JIT state), and
 * the pool store's bytes per pool. A TopologyTestDriver with real RocksDB stores and an in-memory registry; the
 * intermediate {@code packwatch.pool-members} topic is piped back in by the driver, as the broker would. Input: Baidu
 * packages, {@code perPool} per account (one pool each), the drawn one moving. Run with
 * {@code ./mvnw -B -q -o -pl streams -am test-compile && ./mvnw -B -q -o -pl streams exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.packwatch.streams.bench.PoolCostProbe -Dexec.args="20000 4 5 3"} (packages, per pool, polls, rounds).
 */
public final class PoolCostProbe {
    private static final long GIB = 1L << 30;

    public static void main(String[] args) throws Exception {
        int packages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perPool = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int polls = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        for (int round = 1; round <= rounds; round++) {
            double off = run(false, packages, perPool, polls);
            double on = run(true, packages, perPool, polls);
            System.out.printf("round %d: pools off %.1f us/snapshot, pools on %.1f us/snapshot, on/off %.2f%n",
                    round, off, on, on / off);
        }
    }

    private static double run(boolean pools, int packages, int perPool, int polls) throws Exception {
        StreamsSettings settings = TopologyCpuProbe.driverSettings("pool-cost",
                Map.of(PoolSettings.ENABLED, Boolean.toString(pools)));
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        long nanos;
        try (TopologyTestDriver driver = new TopologyTestDriver(PackwatchTopology.build(settings),
                settings.streamsProperties(), start)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(settings.topics().raw(VendorApi.BAIDU_EIP).name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            byte[][][] records = new byte[polls][packages][];
            for (int poll = 0; poll < polls; poll++) {
                for (int p = 0; p < packages; p++) {
                    // the first package of each pool is drawn (1 GB a poll), the others wait
                    long used = p % perPool == 0 ? poll * 1_000_000_000L : (long) (p % 100) * GIB / 10;
                    records[poll][p] = Envelopes.benchBaiduPackage("bench-" + p / perPool, "tp-b" + p, used,
                            "poll-" + poll, start.plus(Duration.ofMinutes(poll)));
                }
            }
            long t0 = System.nanoTime();
            for (int poll = 0; poll < polls; poll++) {
                Instant at = start.plus(Duration.ofMinutes(poll));
                for (int p = 0; p < packages; p++) {
                    in.pipeInput("baidu-eip/bench-" + p / perPool + "/bj/tp-b" + p, records[poll][p], at);
                }
                // the driver keeps every output record; drop them so the heap holds only the stores
                for (String topic : driver.producedTopicNames()) {
                    var out = driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
                    if (pools && poll == polls - 1 && !out.isEmpty() && topic.endsWith("pool-state")) {
                        System.out.printf("  %s: %d records, %d value bytes each%n", topic, out.size(),
                                out.stream().mapToLong(r -> r.value() == null ? 0 : r.value().length).sum() / out.size());
                    }
                }
            }
            nanos = System.nanoTime() - t0;
            if (pools) {
                printStoreBytes(driver);
            }
        }
        return nanos / 1e3 / ((double) packages * polls);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void printStoreBytes(TopologyTestDriver driver) {
        KeyValueStore<String, Object> store = driver.getKeyValueStore(PoolTopology.STORE);
        Serializer serializer = new PoolRecordSerde().serializer();
        long pools = 0;
        long bytes = 0;
        try (KeyValueIterator<String, Object> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Object> kv = it.next();
                pools++;
                bytes += kv.key.length() + serializer.serialize("", kv.value).length;
            }
        }
        System.out.printf("  %s: %d pools, %d bytes per pool (key + value)%n", PoolTopology.STORE, pools,
                pools == 0 ? 0 : bytes / pools);
    }
}
