package io.packwatch.streams.state;

import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PoolVerdict;
import io.packwatch.streams.alerts.AlertEvents;
import io.packwatch.streams.alerts.AlertStateMachine;
import io.packwatch.streams.alerts.AlertTracker;
import io.packwatch.streams.alerts.Signal;
import io.packwatch.streams.alerts.Transition;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.pools.PoolDowngrade;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Steps one alert key of a package through the state machine and forwards the transition, for both processors of
 * the state stage that decide package alerts: {@link StateAndAlertsProcessor} (a snapshot, a stale check) and
 * {@link PoolVerdicts} (the pool's verdict on a pooled package's DEPLETION_FORECAST and EXHAUSTED). The caller writes
 * the tracking back.
 */
final class PackageAlerting {

    private final ProcessorContext<String, StateOutput> context;

    PackageAlerting(ProcessorContext<String, StateOutput> context) {
        this.context = context;
    }

    /**
     * {@code poolKey}: the package's pool, null without one; {@code coveredBy}: the verdict of the pool that covers the
     * package beyond its end, when the signal was downgraded for it, else null. Returns whether the tracking changed
     * (a caller that writes it only for this can skip the write).
     */
    boolean apply(PackageTracking tracking, Signal signal, PackageSnapshot s, Forecast forecast, Instant observedAt,
               long decidedAt, String poolKey, PoolVerdict coveredBy) {
        AlertRecord current = tracking.alerts.get(signal.alertKey());
        AlertTracker before = current == null ? AlertTracker.NEW : current.tracker();
        AlertStateMachine.Step step = AlertStateMachine.step(before, signal);
        Transition t = step.transition();
        if (t == null) {
            if (!step.tracker().equals(before)) {
                tracking.alert(signal.alertKey(), current == null ? new AlertRecord(step.tracker(), null) : current.withTracker(step.tracker()));
                return true;
            }
            return false;
        }
        if (current != null && current.lastEvent() != null) {
            // never dated before the event this one follows (a late snapshot after a STALE decided in collector time)
            decidedAt = Math.max(decidedAt, current.lastEvent().getDetectedAt().toEpochMilli());
        }
        PackageAlert event = AlertEvents.build(t, s, forecast, observedAt, Instant.ofEpochMilli(decidedAt));
        if (poolKey != null) {
            event.setPoolKey(poolKey);
            if (coveredBy != null) {
                event = PoolDowngrade.explain(event, poolKey, coveredBy.getOverageStartsAt());
            }
        }
        // resolved alerts keep only their sequence (so the next episode gets fresh event ids), not the event
        tracking.alert(signal.alertKey(), new AlertRecord(step.tracker(), step.tracker().isFiring() ? event : null));
        StateOutput.Alert output = StateOutput.Alert.of(event);
        context.forward(new Record<>(t.alertKey(), output, decidedAt), output.sink());
        return true;
    }
}
