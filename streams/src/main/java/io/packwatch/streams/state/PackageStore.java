package io.packwatch.streams.state;

import io.packwatch.streams.StreamsSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.Stores;

/**
 * The one store per package key, {@value #NAME}: a {@link PackageTracking} record (history, latest state with its
 * snapshot, stale deadline, alert records). The state stage owns it: {@link StateAndAlertsProcessor} writes it,
 * {@link PollSummaries} reads the latest snapshots from it to mark the packages a complete poll did not see as gone,
 * and {@code GET /packages} serves it. One copy of each snapshot: a second store of latest snapshots cost a store
 * write and a changelog record per snapshot, a fifth of the full topology's rate (docs/benchmarks.md).
 */
public final class PackageStore {

    public static final String NAME = "packwatch-package-tracking";

    private PackageStore() {
    }

    /** Adds the store to {@code topology}, connected to the state stage's {@code processors}. */
    static void addTo(Topology topology, StreamsSettings settings, String... processors) {
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                new PackageTrackingSerde(StateCodec.of(settings.topics().packageState()))), processors);
    }

    /** The latest snapshots, read through a processor connected to the store. */
    public static LatestSnapshots latestSnapshots(ProcessorContext<?, ?> context) {
        return LatestSnapshots.over(context.getStateStore(NAME));
    }
}
