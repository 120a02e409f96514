package io.packwatch.streams.state;

import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.http.PackageQueries;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The HTTP API's {@link PackageQueries} over this instance's {@link PackageStore} (interactive queries). */
public final class StoreQueries implements PackageQueries {
    private final KafkaStreams streams;

    public StoreQueries(KafkaStreams streams) {
        this.streams = streams;
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

    private ReadOnlyKeyValueStore<String, PackageTracking> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(PackageStore.NAME,
                QueryableStoreTypes.<String, PackageTracking>keyValueStore()));
    }
}
