package io.packwatch.streams.alerts;

import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Method;
import io.packwatch.streams.forecast.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs rules and state machines over a sequence of snapshots, like the processor does, and records transitions. */
final class AlertHarness {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final String KEY = "tencent-vpc/acme/ap-guangzhou/tfp-1";

    final Map<String, AlertTracker> trackers = new HashMap<>();
    final List<Transition> transitions = new ArrayList<>();
    final AlertThresholds thresholds;

    AlertHarness(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    List<Transition> offer(PackageSnapshot s, Forecast f) {
        return apply(AlertRules.evaluate(s, f, thresholds));
    }

    List<Transition> stale() {
        return apply(List.of(AlertRules.stale(KEY)));
    }

    private List<Transition> apply(List<Signal> signals) {
        List<Transition> out = new ArrayList<>();
        for (Signal signal : signals) {
            AlertStateMachine.Step step = AlertStateMachine.step(trackers.get(signal.alertKey()), signal);
            trackers.put(signal.alertKey(), step.tracker());
            if (step.transition() != null) {
                out.add(step.transition());
            }
        }
        transitions.addAll(out);
        return out;
    }

    static PackageSnapshot snapshot(Instant at, long capacity, long used) {
        return builder(at, capacity, used).build();
    }

    static PackageSnapshot.Builder builder(Instant at, long capacity, long used) {
        return PackageSnapshot.newBuilder()
                .setPackageKey(KEY).setVendor(Vendor.TENCENT).setProduct(Product.VPC).setAccount("acme")
                .setRegion("ap-guangzhou").setPackageId("tfp-1").setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(capacity).setUsed(used).setRemaining(Math.max(0, capacity - used))
                .setStatus(PackageStatus.ACTIVE).setDeductPolicy(DeductPolicy.FULL_TIME)
                .setExpiresAt(T0.plusSeconds(90L * 86400)).setObservedAt(at).setPollId("poll-" + at.toEpochMilli());
    }

    /** A forecast with only the figures rules read: percent used, and optionally a depletion projection. */
    static Forecast forecast(PackageSnapshot s, long depletionAt, double confidence) {
        double pct = 100d * s.getUsed() / s.getCapacity();
        boolean projected = depletionAt != Observation.NONE;
        return new Forecast(1, 1, projected ? Method.LEAST_SQUARES : Method.NONE, projected ? 1 : Double.NaN,
                depletionAt, depletionAt, depletionAt, projected ? 0 : -1,
                s.getExpiresAt().toEpochMilli() - s.getObservedAt().toEpochMilli(), pct, 10, confidence, false);
    }

    /**
     * A forecast that projects no depletion before expiry and {@code remainingAtExpiry} left at expiry (the waste the
     * EXPIRING rule reads), with the rate that gets from the current remaining there.
     */
    static Forecast wasteAtExpiry(PackageSnapshot s, long remainingAtExpiry) {
        long tte = s.getExpiresAt().toEpochMilli() - s.getObservedAt().toEpochMilli();
        double rate = (s.getRemaining() - remainingAtExpiry) / (tte / 3_600_000d);
        return new Forecast(rate, rate, Method.LEAST_SQUARES, rate, Observation.NONE, Observation.NONE,
                Observation.NONE, remainingAtExpiry, tte, 100d * s.getUsed() / s.getCapacity(), 10, 0.9, false);
    }

    static Forecast noForecast(PackageSnapshot s) {
        return forecast(s, Observation.NONE, 0);
    }
}
