package io.packwatch.streams.state;

import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The latest snapshot per package key, as held by {@link PackageStore}: the snapshot of the package's latest state,
 * that is of the newest snapshot part 2 accepted (an older one never replaces it; of two observed at the same
 * instant, the first stays).
 */
public final class LatestSnapshots {

    private static final StringSerializer KEYS = new StringSerializer();
    private final ReadOnlyKeyValueStore<String, PackageTracking> store;

    private LatestSnapshots(ReadOnlyKeyValueStore<String, PackageTracking> store) {
        this.store = store;
    }

    /** A view of {@link PackageStore} obtained elsewhere: interactive queries, a TopologyTestDriver. */
    @SuppressWarnings("unchecked")
    public static LatestSnapshots over(ReadOnlyKeyValueStore<String, ?> packageStore) {
        return new LatestSnapshots((ReadOnlyKeyValueStore<String, PackageTracking>) packageStore);
    }

    /** This instance's view through interactive queries: of one partition, or of all its partitions if null. */
    public static LatestSnapshots query(KafkaStreams streams, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, PackageTracking>> query =
                StoreQueryParameters.fromNameAndType(PackageStore.NAME, QueryableStoreTypes.keyValueStore());
        return new LatestSnapshots(streams.store(partition == null ? query : query.withPartition(partition)));
    }

    /** The latest snapshot of {@code packageKey}, null if none was accepted yet. */
    public PackageSnapshot get(String packageKey) {
        return snapshotOf(store.get(packageKey));
    }

    /** Latest snapshots of the package keys that start with {@code prefix}, in key order. */
    public List<KeyValue<String, PackageSnapshot>> withPrefix(String prefix) {
        List<KeyValue<String, PackageSnapshot>> out = new ArrayList<>();
        each(store.prefixScan(prefix, KEYS), (key, s) -> out.add(KeyValue.pair(key, s)));
        return out;
    }

    /** Every latest snapshot of this store (of one instance: all its partitions). */
    public void forEach(BiConsumer<String, PackageSnapshot> action) {
        each(store.all(), action);
    }

    private static void each(KeyValueIterator<String, PackageTracking> records, BiConsumer<String, PackageSnapshot> action) {
        try (records) {
            while (records.hasNext()) {
                KeyValue<String, PackageTracking> kv = records.next();
                PackageSnapshot s = snapshotOf(kv.value);
                if (s != null) {
                    action.accept(kv.key, s);
                }
            }
        }
    }

    private static PackageSnapshot snapshotOf(PackageTracking tracking) {
        PackageState state = tracking == null ? null : tracking.state();
        return state == null ? null : state.getSnapshot();
    }
}
