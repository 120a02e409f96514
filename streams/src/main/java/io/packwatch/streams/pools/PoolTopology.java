package io.packwatch.streams.pools;

import io.packwatch.core.topics.TopicSpec;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.state.StateSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Part 3 of the topology, the pools (vendor-spec §11). The state stage forwards each accepted snapshot of a pooled
 * package, keyed by its pool key, with the alert signals that wait for the pool's verdict, to
 * {@code packwatch.pool-members} ({@link Topics#poolMembers()}): the Processor API has no repartition topics of its
 * own, so this is a declared topic with an explicit name, provisioned with the others. {@value #SOURCE} →
 * {@link PoolProcessor} ({@value #PROCESSOR}, store {@value #STORE}) → {@code packwatch.pool-state}, the pool alerts on
 * the alert topics, and the verdicts back to the packages on {@code packwatch.pool-verdicts}
 * ({@link Topics#poolVerdicts()}, keyed by package key). The global store {@value #POOL_STATES_STORE} reads
 * {@code packwatch.pool-state} back ({@value #POOL_STATES_SOURCE} → {@value #POOL_STATES_UPDATER}) so every instance
 * can answer {@code GET /pools} alone.
 */
public final class PoolTopology {

    public static final String SOURCE = "packwatch-pool-members-source";
    public static final String PROCESSOR = "packwatch-pools";
    public static final String STORE = "packwatch-pool-store";
    /** Global: pool key → the latest {@code packwatch.pool-state} record's bytes, on every instance. */
    public static final String POOL_STATES_STORE = "packwatch-pool-states";
    public static final String POOL_STATES_SOURCE = "packwatch-pool-states-source";
    public static final String POOL_STATES_UPDATER = "packwatch-pool-states-updater";

    private PoolTopology() {
    }

    public static void addTo(Topology topology, StreamsSettings settings) {
        Topics topics = settings.topics();
        TopicSpec<String, PoolMemberUpdate> members = topics.poolMembers();
        StateSettings stateSettings = StateSettings.from(settings.raw());
        PoolSettings poolSettings = PoolSettings.from(settings.raw());
        topology.addSource(SOURCE, Serdes.String().deserializer(), members.valueSerde().deserializer(), members.name());
        topology.addProcessor(PROCESSOR, () -> new PoolProcessor(stateSettings, poolSettings), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                new PoolRecordSerde()), PROCESSOR);

        Serializer<String> keys = Serdes.String().serializer();
        TopicSpec<String, PoolState> state = topics.poolState();
        Serializer<PoolState> states = state.valueSerde().serializer();
        topology.addSink(PoolOutput.STATE_SINK, state.name(), keys,
                (String topic, PoolOutput.State s) -> states.serialize(topic, s == null ? null : s.state()), PROCESSOR);
        TopicSpec<String, PoolMemberUpdate> verdicts = topics.poolVerdicts();
        Serializer<PoolMemberUpdate> updates = verdicts.valueSerde().serializer();
        topology.addSink(PoolOutput.VERDICT_SINK, verdicts.name(), keys,
                (String topic, PoolOutput.Verdict v) -> updates.serialize(topic, v.update()), PROCESSOR);
        TopicSpec<String, PackageAlert> depletion = topics.alertsDepletion();
        Serializer<PackageAlert> alerts = depletion.valueSerde().serializer();
        topology.addSink(PoolOutput.DEPLETION_SINK, depletion.name(), keys,
                (String topic, PoolOutput.Alert a) -> alerts.serialize(topic, a.alert()), PROCESSOR);
        TopicSpec<String, PackageAlert> expiry = topics.alertsExpiry();
        Serializer<PackageAlert> expiryAlerts = expiry.valueSerde().serializer();
        topology.addSink(PoolOutput.EXPIRY_SINK, expiry.name(), keys,
                (String topic, PoolOutput.Alert a) -> expiryAlerts.serialize(topic, a.alert()), PROCESSOR);

        // a global store reads its source topic as its changelog: no logging of its own
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POOL_STATES_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                POOL_STATES_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), state.name(),
                POOL_STATES_UPDATER, PoolStatesUpdater::new);
    }
}
