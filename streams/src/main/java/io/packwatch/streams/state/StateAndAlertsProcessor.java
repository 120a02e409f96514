package io.packwatch.streams.state;

import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.streams.Normalized;
import io.packwatch.streams.alerts.AlertRules;
import io.packwatch.streams.alerts.AlertThresholds;
import io.packwatch.streams.alerts.Signal;
import io.packwatch.streams.forecast.Acceptance;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Forecaster;
import io.packwatch.streams.forecast.Observation;
import io.packwatch.streams.forecast.PackageHistory;
import io.packwatch.streams.forecast.PackageHistoryCodec;
import io.packwatch.streams.pools.PoolDowngrade;
import io.packwatch.streams.pools.PoolKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per package: history → forecast → {@link PackageState}; per alert key: rules → state machine → {@link PackageAlert}
 * on transitions only. Everything the decisions depend on lives in one {@link PackageTracking} record per package,
 * which exactly-once commits together with the output, so a replay after a crash repeats neither a transition nor an
 * event id. One record instead of a store per concern: a snapshot costs one read and one changelog write, which is
 * what bounds this processor's throughput (see docs/benchmarks.md). A pooled package's DEPLETION_FORECAST and
 * EXHAUSTED depend on its pool, which another task holds: their signals travel with the snapshot to the pool and are
 * decided on the way back ({@link PoolVerdicts}), against the pool as it stood right after that snapshot.
 *
 * <p>Stale detection is judged in the collector's time, not the wall clock: each accepted snapshot moves the
 * package's deadline to its observation time + N poll intervals inside its tracking record, and {@link CollectorPolls}
 * holds, per scope, when the latest poll the collector finished (its summary read) started. A package is stale once
 * a finished poll of its scope started after its deadline without refreshing it: its collector kept polling, the
 * package did not come. A silent broker or a stopped app delays summaries and snapshots alike, so no outage of the
 * pipeline turns a package stale. The check runs on wall-clock punctuation (only as a schedule) over the stale-check
 * index, which holds, per package, a time at or before that deadline and is written only when the package has no
 * entry yet: when an entry comes due, the package is marked stale ({@code stale=true} and a STALE alert, once) or the
 * entry moves to the current deadline, so a package polled every interval costs an index write once per stale
 * period, not once per snapshot. The punctuation touches no other alert, so a data gap never resolves anything; the
 * next snapshot resolves STALE. Events of one alert key never go back in time: a transition is dated no earlier
 * than the firing event it follows.
 */
final class StateAndAlertsProcessor implements Processor<String, Normalized.Snapshot, String, StateOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(StateAndAlertsProcessor.class);
    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final StateSettings settings;
    private final StateCodec codec;
    private final Forecaster forecaster;
    private ProcessorContext<String, StateOutput> context;
    private KeyValueStore<String, PackageTracking> trackings;
    private KeyValueStore<String, Long> staleChecks;
    private KeyValueStore<String, Long> collectorPolls;
    /** False when the topology has no pool stage ({@code packwatch.pools.enabled=false}). */
    private final boolean pools;
    private PackageAlerting alerting;

    StateAndAlertsProcessor(StateSettings settings, StateCodec codec, boolean pools) {
        this.settings = settings;
        this.codec = codec;
        this.pools = pools;
        this.forecaster = new Forecaster(settings.forecast());
    }

    @Override
    public void init(ProcessorContext<String, StateOutput> context) {
        this.context = context;
        trackings = context.getStateStore(PackageStore.NAME);
        staleChecks = context.getStateStore(StateAndAlertsTopology.STALE_CHECK_STORE);
        collectorPolls = CollectorPolls.of(context);
        alerting = new PackageAlerting(context);
        context.schedule(settings.staleCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkStale);
    }

    @Override
    public void process(Record<String, Normalized.Snapshot> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        PackageSnapshot s = record.value().snapshot();
        String key = record.key();
        // every snapshot is published, an older one that does not replace the latest too
        forward(key, new StateOutput.Snapshot(s), record.timestamp());
        PackageTracking tracking = trackings.get(key);
        if (tracking == null) {
            tracking = new PackageTracking(codec);
        }
        PackageHistory history = tracking.history == null ? new PackageHistory() : PackageHistoryCodec.decode(tracking.history);
        Observation observation = Observations.of(s);
        Acceptance acceptance = history.offer(observation, settings.forecast());
        if (!acceptance.accepted()) {
            LOG.debug("ignored {} snapshot of {} observed at {}", acceptance, key, s.getObservedAt());
            return;
        }
        tracking.history = PackageHistoryCodec.encode(history);
        Forecast forecast = forecaster.forecast(history, observation);
        PackageState state = PackageStates.build(s, history, forecast, Instant.ofEpochMilli(record.timestamp()));
        forward(key, new StateOutput.State(tracking.state(state)), record.timestamp());
        String poolKey = poolKeyOf(s);

        AlertThresholds thresholds = settings.alerts().resolve(s.getVendor(), s.getProduct(), s.getKind());
        if (AlertRules.isGone(s)) {
            // no snapshot will follow for a deleted/refunded package: it must not turn STALE
            tracking.staleDeadline = PackageTracking.NO_DEADLINE;
            if (tracking.indexed) {
                staleChecks.delete(key);
                tracking.indexed = false;
            }
        } else {
            // the deadline only ever moves forward: an older snapshot accepted late must not pull it back
            tracking.staleDeadline = Math.max(tracking.staleDeadline, s.getObservedAt().toEpochMilli() + thresholds.staleAfterMillis());
            if (!tracking.indexed) {
                staleChecks.put(key, tracking.staleDeadline);
                tracking.indexed = true;
            }
        }
        // A pooled package's DEPLETION_FORECAST and EXHAUSTED are decided by its pool's verdict (PoolVerdicts), which
        // comes back with this snapshot once the pool has applied it. On the package's first snapshot of a segment they
        // wait for the next one: the rest of this poll may not have reached the pool yet, and a package used up when
        // first seen would page CRITICAL, to be taken back to INFO a poll later. Decided by the package's own history,
        // so a restarted run emits exactly what an uninterrupted one does (CrashRestartIT).
        boolean firstOfSegment = history.sampleCount() <= 1;
        List<Signal> awaitingPool = new ArrayList<>();
        for (Signal signal : AlertRules.evaluate(s, forecast, thresholds)) {
            if (poolKey != null && PoolDowngrade.applies(signal.type())) {
                if (!firstOfSegment) {
                    awaitingPool.add(signal);
                }
            } else {
                alerting.apply(tracking, signal, s, forecast, s.getObservedAt(), record.timestamp(), poolKey, null);
            }
        }
        trackings.put(key, tracking);
        if (poolKey != null) {
            forward(poolKey, new StateOutput.PoolMember(PoolUpdates.of(s, record.timestamp(), forecast, awaitingPool)),
                    record.timestamp());
        }
    }

    /** The key of the snapshot's pool; null without one, or without the pool stage. */
    private String poolKeyOf(PackageSnapshot s) {
        return pools ? PoolKey.of(s).map(PoolKey::toString).orElse(null) : null;
    }

    /** Straight to the output's own sink: no node in between tells kinds apart. */
    private void forward(String key, StateOutput output, long timestamp) {
        context.forward(new Record<>(key, output, timestamp), output.sink());
    }

    private void checkStale(long wallClock) {
        List<KeyValue<String, Long>> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> scopes = collectorPolls.all()) {
            while (scopes.hasNext()) {
                KeyValue<String, Long> scope = scopes.next();
                try (KeyValueIterator<String, Long> it = staleChecks.prefixScan(scope.key, KEY_SERIALIZER)) {
                    while (it.hasNext()) {
                        KeyValue<String, Long> entry = it.next();
                        if (entry.value != null && entry.value < scope.value) {
                            due.add(KeyValue.pair(entry.key, scope.value));
                        }
                    }
                }
            }
        }
        for (KeyValue<String, Long> entry : due) {
            markStaleIfDue(entry.key, entry.value);
        }
    }

    /** {@code polledFrom}: when the latest finished poll of the package's scope started (collector clock). */
    private void markStaleIfDue(String key, long polledFrom) {
        PackageTracking tracking = trackings.get(key);
        // encodedState, not state(): the check must not decode a state it only re-arms
        if (tracking == null || tracking.staleDeadline == PackageTracking.NO_DEADLINE || tracking.encodedState() == null) {
            staleChecks.delete(key);
            return;
        }
        if (tracking.staleDeadline >= polledFrom) {
            // snapshots arrived since the entry was written: check again at the current deadline
            staleChecks.put(key, tracking.staleDeadline);
            return;
        }
        staleChecks.delete(key);
        tracking.indexed = false;
        tracking.staleDeadline = PackageTracking.NO_DEADLINE;
        PackageState state = PackageState.newBuilder(tracking.state()).setStale(true)
                .setUpdatedAt(Instant.ofEpochMilli(polledFrom)).build();
        forward(key, new StateOutput.State(tracking.state(state)), polledFrom);
        alerting.apply(tracking, AlertRules.stale(key), state.getSnapshot(), PackageStates.forecastOf(state),
                state.getSnapshot().getObservedAt(), polledFrom, poolKeyOf(state.getSnapshot()), null);
        trackings.put(key, tracking);
    }
}
