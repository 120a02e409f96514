package io.packwatch.streams.state;

import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PendingSignal;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.schema.PoolVerdict;
import io.packwatch.streams.alerts.Signal;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.pools.PoolDowngrade;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back from the pool stage ({@code packwatch.pool-verdicts}, keyed by package key, so it runs in the task that
 * owns the package): decides the DEPLETION_FORECAST and EXHAUSTED signals a pooled package's snapshot left waiting,
 * with the verdict of its pool as it stood right after that snapshot. A package the pool covers beyond its end (a
 * later package takes over) is not news: its signals go out as INFO. Verdicts of one package arrive in the order of
 * its snapshots (one pool partition there, one package partition back), so its alerts step in that order too, however
 * far either topic lags: a restarted or catching-up run decides what an uninterrupted one does.
 */
final class PoolVerdicts implements Processor<String, PoolMemberUpdate, String, StateOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(PoolVerdicts.class);

    private KeyValueStore<String, PackageTracking> trackings;
    private PackageAlerting alerting;

    @Override
    public void init(ProcessorContext<String, StateOutput> context) {
        trackings = context.getStateStore(PackageStore.NAME);
        alerting = new PackageAlerting(context);
    }

    @Override
    public void process(Record<String, PoolMemberUpdate> record) {
        PoolMemberUpdate update = record.value();
        if (update == null || record.key() == null || update.getVerdict() == null || update.getSignals().isEmpty()) {
            return;
        }
        PackageSnapshot s = update.getSnapshot();
        PackageTracking tracking = trackings.get(record.key());
        if (tracking == null || !record.key().equals(s.getPackageKey())) {
            // the state stage writes the tracking before it sends the snapshot to the pool: nothing of ours
            LOG.warn("ignored a pool verdict under key {} for package {}: no such package is tracked here",
                    record.key(), s.getPackageKey());
            return;
        }
        PoolVerdict verdict = update.getVerdict();
        Forecast forecast = PoolUpdates.forecast(update.getForecast());
        long decidedAt = update.getDecidedAt().toEpochMilli();
        boolean changed = false;
        for (PendingSignal pending : update.getSignals()) {
            Signal signal = PoolUpdates.signal(pending);
            boolean covered = verdict.getCovered() && PoolDowngrade.applies(signal.type());
            changed |= alerting.apply(tracking, covered ? PoolDowngrade.toInfo(signal) : signal, s, forecast,
                    s.getObservedAt(), decidedAt, verdict.getPoolKey(), covered ? verdict : null);
        }
        // most verdicts change nothing (no alert, nothing pending): no store write, no changelog record for them
        if (changed) {
            trackings.put(record.key(), tracking);
        }
    }
}
