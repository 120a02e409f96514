package io.packwatch.streams;

import io.packwatch.schema.PackageSnapshot;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The one factory of the Packwatch topology, shared by {@code main} and every test (the apache/kafka
 * streams/examples style): part 1 normalizes, part 2 derives state and alerts from the normalized stream.
 */
public final class PackwatchTopology {
    private PackwatchTopology() {
    }

    public static Topology build(StreamsBuilder builder, StreamsSettings settings) {
        KStream<String, PackageSnapshot> snapshots = NormalizeTopology.addTo(builder, settings);
        io.packwatch.streams.state.StateAndAlertsTopology.addTo(builder, snapshots, settings);
        return builder.build(settings.streamsProperties());
    }

    public static Topology build(StreamsSettings settings) {
        return build(new StreamsBuilder(), settings);
    }
}
