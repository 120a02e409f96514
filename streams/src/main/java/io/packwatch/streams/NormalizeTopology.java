package io.packwatch.streams;

import io.packwatch.core.VendorApi;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.dlq.DeadLetterProcessor;
import io.packwatch.streams.state.CollectorPolls;
import io.packwatch.streams.state.PackageStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Part 1 of the topology: the four raw topics → {@link NormalizeProcessor} (reading the latest snapshots of the
 * {@link PackageStore}, which it adds) → split into snapshots ({@code packwatch.packages}) and dead letters
 * ({@code packwatch.dlq}). Every node is named explicitly.
 */
public final class NormalizeTopology {
    static final String SOURCE = "packwatch-raw-source";
    static final String NORMALIZE = "packwatch-normalize";
    static final String SPLIT = "packwatch-normalized-";
    static final String OK_BRANCH = "ok";
    static final String FAILED_BRANCH = "failed";

    private NormalizeTopology() {
    }

    /** Adds normalization to {@code builder}; returns the normalized stream, which is also written to the packages topic. */
    public static KStream<String, PackageSnapshot> addTo(StreamsBuilder builder, StreamsSettings settings) {
        Topics topics = settings.topics();
        Map<String, String> apiByTopic = Arrays.stream(VendorApi.values())
                .collect(Collectors.toUnmodifiableMap(api -> topics.raw(api).name(), VendorApi::id));
        List<String> rawTopics = Arrays.stream(VendorApi.values()).map(api -> topics.raw(api).name()).toList();

        PackageStore.addTo(builder, settings);
        CollectorPolls.addTo(builder);

        KStream<String, Normalized> normalized = builder
                .stream(rawTopics, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE))
                .process(() -> new NormalizeProcessor(apiByTopic), Named.as(NORMALIZE), PackageStore.NAME, CollectorPolls.NAME);

        Map<String, KStream<String, Normalized>> branches = normalized
                .split(Named.as(SPLIT))
                .branch((key, value) -> value instanceof Normalized.Failed, Branched.as(FAILED_BRANCH))
                .defaultBranch(Branched.as(OK_BRANCH));

        branches.get(SPLIT + FAILED_BRANCH)
                .mapValues(value -> ((Normalized.Failed) value).deadLetter(), Named.as("packwatch-dead-letter-values"))
                .process(() -> new DeadLetterProcessor<String>(settings.kafka()), Named.as("packwatch-dead-letter-records"))
                .to(topics.dlq().name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("packwatch-dlq-sink"));

        KStream<String, PackageSnapshot> snapshots = branches.get(SPLIT + OK_BRANCH)
                .mapValues(value -> ((Normalized.Ok) value).snapshot(), Named.as("packwatch-snapshot-values"));
        snapshots.to(topics.packages().name(),
                Produced.with(topics.packages().keySerde(), topics.packages().valueSerde()).withName("packwatch-packages-sink"));
        return snapshots;
    }

}
