package io.packwatch.streams.state;

import io.packwatch.core.topics.TopicSpec;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.http.PackageQueries;
import io.packwatch.streams.pools.PoolKey;
import io.packwatch.streams.pools.PoolTopology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The HTTP API's {@link PackageQueries} over this instance's {@link PackageStore} and the global pool-state store
 * (interactive queries).
 */
public final class StoreQueries implements PackageQueries {
    private final KafkaStreams streams;
    private final TopicSpec<String, PoolState> poolState;

    /** @param poolState the pool-state topic, whose serde decodes the global pool store's records */
    public StoreQueries(KafkaStreams streams, TopicSpec<String, PoolState> poolState) {
        this.streams = streams;
        this.poolState = poolState;
    }

    @Override
    public KeyQueryMetadata ownerOf(String packageKey) {
        return streams.queryMetadataForKey(PackageStore.NAME, packageKey, Serdes.String().serializer());
    }

    @Override
    public Collection<HostInfo> instances() {
        List<HostInfo> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(PackageStore.NAME)) {
            hosts.add(m.hostInfo());
        }
        return hosts;
    }

    @Override
    public PackageSnapshot latest(String packageKey, int partition) {
        return LatestSnapshots.query(streams, partition).get(packageKey);
    }

    @Override
    public void forEachLatest(BiConsumer<String, PackageSnapshot> action) {
        LatestSnapshots.query(streams, null).forEach(action);
    }

    @Override
    public Map<String, Object> details(String packageKey) {
        return AlertQueries.details(store(), packageKey);
    }

    @Override
    public List<Map<String, Object>> firingAlerts(Map<String, String> query) {
        return AlertQueries.firing(store(), query);
    }

    @Override
    public PoolState pool(String poolKey) {
        byte[] bytes = pools().get(poolKey);
        return bytes == null ? null : poolState.valueSerde().deserializer().deserialize(poolState.name(), bytes);
    }

    @Override
    public void forEachPool(BiConsumer<String, PoolState> action) {
        try (KeyValueIterator<String, byte[]> it = pools().all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                action.accept(kv.key, poolState.valueSerde().deserializer().deserialize(poolState.name(), kv.value));
            }
        }
    }

    @Override
    public PoolState poolOf(PackageSnapshot snapshot) {
        return PoolKey.of(snapshot).map(k -> pool(k.toString())).orElse(null);
    }

    private ReadOnlyKeyValueStore<String, byte[]> pools() {
        return streams.store(StoreQueryParameters.fromNameAndType(PoolTopology.POOL_STATES_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, PackageTracking> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(PackageStore.NAME,
                QueryableStoreTypes.<String, PackageTracking>keyValueStore()));
    }
}
