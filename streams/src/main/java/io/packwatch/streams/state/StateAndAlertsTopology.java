package io.packwatch.streams.state;

import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.core.topics.TopicSpec;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.alerts.AlertKeys;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Part 2 of the topology: normalized snapshots → {@link StateAndAlertsProcessor} (four named stores) → package
 * state ({@code packwatch.package-state}, compacted) and alert transitions ({@code packwatch.alerts.depletion},
 * {@code packwatch.alerts.expiry}, record key = alert key). Input is already keyed by package key, so nothing is
 * repartitioned.
 */
public final class StateAndAlertsTopology {

    /** Bounded consumption history per package key (forecast input). */
    public static final String HISTORY_STORE = "packwatch-package-history";
    /** Latest {@link PackageState} per package key (served by GET /packages/{key}). */
    public static final String STATE_STORE = "packwatch-package-state";
    /** {@link AlertRecord} per alert key: transition memory and the active event. */
    public static final String ALERT_STORE = "packwatch-alert-state";
    /** Wall-clock deadline per package key after which it is stale. */
    public static final String DEADLINE_STORE = "packwatch-stale-deadlines";
    static final String PROCESSOR = "packwatch-state-and-alerts";
    static final String SPLIT = "packwatch-state-output-";

    private StateAndAlertsTopology() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, PackageSnapshot> snapshots, StreamsSettings settings) {
        addTo(builder, snapshots, settings.topics(), settings.serdeConfig(), StateSettings.from(settings.raw()));
    }

    public static void addTo(StreamsBuilder builder, KStream<String, PackageSnapshot> snapshots, Topics topics,
                             Map<String, ?> serdeConfig, StateSettings stateSettings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), SpecificAvroSerde.forValues(PackageState.class, serdeConfig)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STORE),
                Serdes.String(), new AlertRecordSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINE_STORE),
                Serdes.String(), Serdes.Long()));

        KStream<String, SpecificRecord> out = snapshots.process(() -> new StateAndAlertsProcessor(stateSettings),
                Named.as(PROCESSOR), HISTORY_STORE, STATE_STORE, ALERT_STORE, DEADLINE_STORE);

        Map<String, KStream<String, SpecificRecord>> branches = out.split(Named.as(SPLIT))
                .branch((k, v) -> v instanceof PackageState, Branched.as("state"))
                .branch((k, v) -> v instanceof PackageAlert a && AlertKeys.isExpiryTopic(a.getType()), Branched.as("expiry"))
                .defaultBranch(Branched.as("depletion"));

        TopicSpec<String, PackageState> state = topics.packageState();
        branches.get(SPLIT + "state")
                .mapValues(v -> (PackageState) v, Named.as("packwatch-package-state-values"))
                .to(state.name(), Produced.with(state.keySerde(), state.valueSerde()).withName("packwatch-package-state-sink"));
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
