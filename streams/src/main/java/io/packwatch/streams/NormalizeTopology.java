package io.packwatch.streams;

import io.packwatch.core.VendorApi;
import io.packwatch.core.topics.Topics;
import io.packwatch.streams.dlq.DeadLetterProcessor;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * Part 1 of the topology, stateless: the raw topics → {@link NormalizeProcessor}, which forwards snapshots and poll
 * summaries to the state stage's nodes and dead letters to {@value #DEAD_LETTERS} → {@code packwatch.dlq}. Every
 * node is named explicitly.
 */
public final class NormalizeTopology {
    static final String SOURCE = "packwatch-raw-source";
    /** The normalize node: the state stage's nodes are its children. */
    public static final String NORMALIZE = "packwatch-normalize";
    static final String DEAD_LETTERS = "packwatch-dead-letter-records";
    static final String DLQ_SINK = "packwatch-dlq-sink";

    private NormalizeTopology() {
    }

    /**
     * Adds normalization to {@code topology}. The nodes named {@code snapshotsTo} and {@code pollSummariesTo} must be
     * added as children of {@value #NORMALIZE}: they get {@link Normalized.Snapshot} and {@link Normalized.PollDone}.
     */
    public static void addTo(Topology topology, StreamsSettings settings, String snapshotsTo, String pollSummariesTo) {
        Topics topics = settings.topics();
        Map<String, String> apiByTopic = Arrays.stream(VendorApi.values())
                .collect(Collectors.toUnmodifiableMap(api -> topics.raw(api).name(), VendorApi::id));
        String[] rawTopics = Arrays.stream(VendorApi.values()).map(api -> topics.raw(api).name()).toArray(String[]::new);
        NormalizeProcessor.Routes routes = new NormalizeProcessor.Routes(snapshotsTo, pollSummariesTo, DEAD_LETTERS);

        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), rawTopics);
        topology.addProcessor(NORMALIZE, () -> new NormalizeProcessor(apiByTopic, routes), SOURCE);
        topology.addProcessor(DEAD_LETTERS,
                () -> new DeadLetterProcessor<String, Normalized.Failed>(settings.kafka(), Normalized.Failed::deadLetter),
                NORMALIZE);
        topology.addSink(DLQ_SINK, topics.dlq().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(),
                DEAD_LETTERS);
    }
}
