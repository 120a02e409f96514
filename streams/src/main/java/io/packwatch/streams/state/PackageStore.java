package io.packwatch.streams.state;

import io.packwatch.streams.StreamsSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.Stores;

/**
 * The one store per package key, {@value #NAME}: a {@link PackageTracking} record (history, latest state with its
 * snapshot, stale deadline, alert records). Part 2 writes it; part 1 reads the latest snapshot from it to mark the
 * packages a complete poll did not see as gone, and {@code GET /packages} serves it. Part 1 used to keep a
 * latest-snapshot store of its own, which stored every snapshot a second time (it is inside the state) and cost a
 * second store write and changelog record per snapshot: a fifth of the full topology's rate (docs/benchmarks.md).
 */
public final class PackageStore {

    public static final String NAME = "packwatch-package-tracking";

    private PackageStore() {
    }

    /** Adds the store to {@code builder}; the first part of the topology that connects a processor to it calls this. */
    public static void addTo(StreamsBuilder builder, StreamsSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                new PackageTrackingSerde(StateCodec.of(settings.topics().packageState()))));
    }

    /** The latest snapshots, read through a processor connected to the store. */
    public static LatestSnapshots latestSnapshots(ProcessorContext<?, ?> context) {
        return LatestSnapshots.over(context.getStateStore(NAME));
    }
}
