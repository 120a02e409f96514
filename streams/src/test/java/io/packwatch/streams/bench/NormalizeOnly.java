package io.packwatch.streams.bench;

import io.packwatch.core.topics.TopicSpec;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.Normalized;
import io.packwatch.streams.NormalizeTopology;
import io.packwatch.streams.StreamsSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/** Part 1 of the topology alone, for the probes: snapshots to the packages topic, poll summaries dropped. */
final class NormalizeOnly {
    private static final String SNAPSHOTS = "bench-snapshot-values";
    private static final String SUMMARIES = "bench-poll-summaries";

    private NormalizeOnly() {
    }

    static Topology topology(StreamsSettings settings) {
        Topology topology = new Topology();
        NormalizeTopology.addTo(topology, settings, SNAPSHOTS, SUMMARIES);
        topology.addProcessor(SNAPSHOTS, () -> new ContextualProcessor<String, Normalized.Snapshot, String, PackageSnapshot>() {
            @Override
            public void process(Record<String, Normalized.Snapshot> record) {
                context().forward(record.withValue(record.value().snapshot()));
            }
        }, NormalizeTopology.NORMALIZE);
        topology.addProcessor(SUMMARIES, () -> new ContextualProcessor<String, Normalized.PollDone, Void, Void>() {
            @Override
            public void process(Record<String, Normalized.PollDone> record) {
                // the probes measure normalization; what summaries mean is the state stage's
            }
        }, NormalizeTopology.NORMALIZE);
        TopicSpec<String, PackageSnapshot> packages = settings.topics().packages();
        topology.addSink("bench-packages-sink", packages.name(), Serdes.String().serializer(),
                packages.valueSerde().serializer(), SNAPSHOTS);
        return topology;
    }
}
