package io.packwatch.streams.state;

import io.packwatch.core.topics.TopicSpec;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.alerts.AlertKeys;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Part 2 of the topology: normalized snapshots → {@link StateAndAlertsProcessor} (the {@link PackageStore}, which
 * part 1 adds, the stale-check store, and {@link CollectorPolls}, which part 1 writes) → package
 * state ({@code packwatch.package-state}, compacted) and alert transitions ({@code packwatch.alerts.depletion},
 * {@code packwatch.alerts.expiry}, record key = alert key). Input is already keyed by package key, so nothing is
 * repartitioned.
 */
public final class StateAndAlertsTopology {

    /** Per package key, a collector time at or before its stale deadline: what the stale punctuation scans. */
    public static final String STALE_CHECK_STORE = "packwatch-stale-checks";
    static final String PROCESSOR = "packwatch-state-and-alerts";
    static final String SPLIT = "packwatch-state-output-";

    private StateAndAlertsTopology() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, PackageSnapshot> snapshots, StreamsSettings settings) {
        Topics topics = settings.topics();
        StateSettings stateSettings = StateSettings.from(settings.raw());
        TopicSpec<String, PackageState> state = topics.packageState();
        StateCodec codec = StateCodec.of(state);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STALE_CHECK_STORE),
                Serdes.String(), Serdes.Long()));

        KStream<String, Object> out = snapshots.process(() -> new StateAndAlertsProcessor(stateSettings, codec),
                Named.as(PROCESSOR), PackageStore.NAME, STALE_CHECK_STORE, CollectorPolls.NAME);

        Map<String, KStream<String, Object>> branches = out.split(Named.as(SPLIT))
                .branch((k, v) -> v instanceof StateCodec.Encoded, Branched.as("state"))
                .branch((k, v) -> v instanceof PackageAlert a && AlertKeys.isExpiryTopic(a.getType()), Branched.as("expiry"))
                .defaultBranch(Branched.as("depletion"));

        // states arrive encoded by the topic's own serde (StateCodec), so the sink writes their bytes as they are
        branches.get(SPLIT + "state")
                .mapValues(v -> ((StateCodec.Encoded) v).wire(), Named.as("packwatch-package-state-values"))
                .to(state.name(), Produced.with(state.keySerde(), Serdes.ByteArray()).withName("packwatch-package-state-sink"));
        TopicSpec<String, PackageAlert> expiry = topics.alertsExpiry();
        branches.get(SPLIT + "expiry")
                .mapValues(v -> (PackageAlert) v, Named.as("packwatch-alerts-expiry-values"))
                .to(expiry.name(), Produced.with(expiry.keySerde(), expiry.valueSerde()).withName("packwatch-alerts-expiry-sink"));
        TopicSpec<String, PackageAlert> depletion = topics.alertsDepletion();
        branches.get(SPLIT + "depletion")
                .mapValues(v -> (PackageAlert) v, Named.as("packwatch-alerts-depletion-values"))
                .to(depletion.name(), Produced.with(depletion.keySerde(), depletion.valueSerde()).withName("packwatch-alerts-depletion-sink"));
    }
}
