package io.packwatch.streams.state;

import io.packwatch.core.topics.TopicSpec;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.pools.PoolSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Part 2 of the topology, which owns every store: normalized snapshots → {@link StateAndAlertsProcessor}
 * ({@value #PROCESSOR}) and poll summaries → {@link PollSummaries} ({@value #POLL_SUMMARIES}, which hands the
 * packages a complete poll did not see to the former as DELETED snapshots). Stores: the {@link PackageStore}, the
 * stale-check index and {@link CollectorPolls}. The state processor forwards each {@link StateOutput} straight to its
 * named sink: snapshots ({@code packwatch.packages}), package state ({@code packwatch.package-state}, compacted) and
 * alert transitions ({@code packwatch.alerts.depletion}, {@code packwatch.alerts.expiry}, record key = alert key), and
 * the snapshots of pooled packages keyed by pool key ({@code packwatch.pool-members}, read by the pool stage). The
 * pool stage answers on {@code packwatch.pool-verdicts}, keyed by package key: {@value #POOL_VERDICTS_SOURCE} →
 * {@link PoolVerdicts} ({@value #POOL_VERDICTS}) decides the pooled package's DEPLETION_FORECAST and EXHAUSTED in the
 * task that owns its store record. Input is already keyed by package key, so nothing is repartitioned.
 */
public final class StateAndAlertsTopology {

    /** Per package key, a collector time at or before its stale deadline: what the stale punctuation scans. */
    public static final String STALE_CHECK_STORE = "packwatch-stale-checks";
    /** Takes {@code Normalized.Snapshot}s. */
    public static final String PROCESSOR = "packwatch-state-and-alerts";
    /** Takes {@code Normalized.PollDone}s. */
    public static final String POLL_SUMMARIES = "packwatch-poll-summaries";
    /** Reads {@code packwatch.pool-verdicts}: the pool stage's answer for a pooled package's waiting signals. */
    public static final String POOL_VERDICTS_SOURCE = "packwatch-pool-verdicts-source";
    /** Decides those signals ({@link PoolVerdicts}). */
    public static final String POOL_VERDICTS = "packwatch-pool-verdicts";

    private StateAndAlertsTopology() {
    }

    /** Adds the state stage; {@code parent} forwards snapshots to {@value #PROCESSOR}, summaries to {@value #POLL_SUMMARIES}. */
    public static void addTo(Topology topology, String parent, StreamsSettings settings) {
        Topics topics = settings.topics();
        StateSettings stateSettings = StateSettings.from(settings.raw());
        TopicSpec<String, PackageState> state = topics.packageState();
        StateCodec codec = StateCodec.of(state);

        topology.addProcessor(POLL_SUMMARIES, () -> new PollSummaries(PROCESSOR), parent);
        boolean pools = PoolSettings.from(settings.raw()).enabled();
        topology.addProcessor(PROCESSOR, () -> new StateAndAlertsProcessor(stateSettings, codec, pools),
                parent, POLL_SUMMARIES);
        // the processors that decide package alerts: the snapshot's own, and the pool's verdict on the way back
        String[] alerting = pools ? new String[] {PROCESSOR, POOL_VERDICTS} : new String[] {PROCESSOR};
        PackageStore.addTo(topology, settings, PROCESSOR, POLL_SUMMARIES);
        if (pools) {
            TopicSpec<String, PoolMemberUpdate> verdicts = topics.poolVerdicts();
            topology.addSource(POOL_VERDICTS_SOURCE, Serdes.String().deserializer(), verdicts.valueSerde().deserializer(),
                    verdicts.name());
            topology.addProcessor(POOL_VERDICTS, PoolVerdicts::new, POOL_VERDICTS_SOURCE);
            topology.connectProcessorAndStateStores(POOL_VERDICTS, PackageStore.NAME);
        }
        CollectorPolls.addTo(topology, PROCESSOR, POLL_SUMMARIES);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STALE_CHECK_STORE),
                Serdes.String(), Serdes.Long()), PROCESSOR);

        Serializer<String> keys = Serdes.String().serializer();
        TopicSpec<String, PackageSnapshot> packages = topics.packages();
        topology.addSink(StateOutput.PACKAGES_SINK, packages.name(), keys,
                StateOutput.unwrapping(packages.valueSerde().serializer(), StateOutput.Snapshot::snapshot), PROCESSOR);
        // states arrive encoded by the topic's own serde (StateCodec), so the sink writes their bytes as they are
        topology.addSink(StateOutput.STATE_SINK, state.name(), keys,
                StateOutput.unwrapping(Serdes.ByteArray().serializer(), StateOutput.State::wire), PROCESSOR);
        if (pools) {
            TopicSpec<String, PoolMemberUpdate> poolMembers = topics.poolMembers();
            topology.addSink(StateOutput.POOL_MEMBERS_SINK, poolMembers.name(), keys,
                    StateOutput.unwrapping(poolMembers.valueSerde().serializer(), StateOutput.PoolMember::update), PROCESSOR);
        }
        TopicSpec<String, PackageAlert> expiry = topics.alertsExpiry();
        topology.addSink(StateOutput.EXPIRY_SINK, expiry.name(), keys,
                StateOutput.unwrapping(expiry.valueSerde().serializer(), StateOutput.Alert::alert), alerting);
        TopicSpec<String, PackageAlert> depletion = topics.alertsDepletion();
        topology.addSink(StateOutput.DEPLETION_SINK, depletion.name(), keys,
                StateOutput.unwrapping(depletion.valueSerde().serializer(), StateOutput.Alert::alert), alerting);
    }
}
