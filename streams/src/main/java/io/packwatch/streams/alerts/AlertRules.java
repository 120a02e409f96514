package io.packwatch.streams.alerts;

import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Severity;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert rules: from one accepted snapshot and its forecast, one {@link Signal} per alert key of the package.
 * STALE is not decided here from data (a snapshot always clears it); {@link #stale} is used by the stale check, which
 * judges a package stale only when its own collector polled its scope past the deadline without listing it.
 * A package that is gone (REFUNDED, DELETED) clears every alert.
 */
public final class AlertRules {

    private AlertRules() {
    }

    public static List<Signal> evaluate(PackageSnapshot s, Forecast f, AlertThresholds t) {
        boolean gone = isGone(s);
        List<Signal> signals = signals(s, f, t, gone);
        if (!gone) {
            return signals;
        }
        // a package is marked gone once (no further snapshots come): resolve everything without confirmations
        return signals.stream().map(x -> new Signal(x.alertKey(), x.type(), x.band(), null, null, false, 1)).toList();
    }

    /** REFUNDED or DELETED (also what the normalizer marks when a complete poll no longer lists the package). */
    public static boolean isGone(PackageSnapshot s) {
        return s.getStatus() == PackageStatus.REFUNDED || s.getStatus() == PackageStatus.DELETED;
    }

    private static List<Signal> signals(PackageSnapshot s, Forecast f, AlertThresholds t, boolean gone) {
        String key = s.getPackageKey();
        List<Signal> signals = new ArrayList<>();
        double pct = f.percentUsed();
        for (int band : t.usageBands()) {
            String b = Integer.toString(band);
            Severity sev = bandSeverity(band);
            signals.add(Signal.of(AlertKeys.of(key, AlertType.USAGE_THRESHOLD, b), AlertType.USAGE_THRESHOLD, b,
                    !gone && pct >= band ? sev : null,
                    !gone && pct >= band - t.usageResolveMargin() ? sev : null, t.confirmSnapshots()));
        }
        signals.add(depletion(s, f, t, gone));
        boolean exhausted = !gone && (s.getRemaining() <= 0 && s.getCapacity() > 0 || s.getStatus() == PackageStatus.EXHAUSTED);
        signals.add(status(key, AlertType.EXHAUSTED, exhausted ? Severity.CRITICAL : null, t.exhaustedConfirm()));
        signals.add(overflow(s, t, gone));
        signals.add(status(key, AlertType.NETWORK_DISABLED,
                s.getStatus() == PackageStatus.NETWORK_DISABLED ? Severity.CRITICAL : null, t.exhaustedConfirm()));
        signals.add(status(key, AlertType.STALE, null, 1));
        signals.add(expiring(s, f, t, gone));
        boolean expired = !gone && expired(s);
        signals.add(status(key, AlertType.EXPIRED_UNUSED, expired && s.getRemaining() > 0 ? Severity.WARNING : null,
                t.exhaustedConfirm()));
        return signals;
    }

    /** STALE: the package's collector polled its scope after {@link AlertThresholds#staleAfter()} without refreshing it. */
    public static Signal stale(String packageKey) {
        return Signal.of(AlertKeys.of(packageKey, AlertType.STALE, null), AlertType.STALE, null,
                Severity.WARNING, Severity.WARNING, 1);
    }

    /** Severity of a usage band: 100% and above CRITICAL, 90% and above WARNING, lower bands INFO. */
    static Severity bandSeverity(int band) {
        return band >= 100 ? Severity.CRITICAL : band >= 90 ? Severity.WARNING : Severity.INFO;
    }

    private static Signal status(String packageKey, AlertType type, Severity sev, int confirmations) {
        return Signal.of(AlertKeys.of(packageKey, type, null), type, null, sev, sev, confirmations);
    }

    private static Signal depletion(PackageSnapshot s, Forecast f, AlertThresholds t, boolean gone) {
        String key = AlertKeys.of(s.getPackageKey(), AlertType.DEPLETION_FORECAST, null);
        if (gone) {
            return Signal.of(key, AlertType.DEPLETION_FORECAST, null, null, null, t.confirmSnapshots());
        }
        // no projection yet (young segment) or already exhausted (EXHAUSTED takes over): keep what we have
        if (!f.hasProjection() || s.getRemaining() <= 0) {
            return Signal.unknown(key, AlertType.DEPLETION_FORECAST, null);
        }
        Instant expiry = s.getExpiresAt();
        boolean beforeExpiry = f.hasDepletion() && (expiry == null || f.depletionAt() < expiry.toEpochMilli());
        return horizon(key, AlertType.DEPLETION_FORECAST, s.getObservedAt().toEpochMilli(),
                beforeExpiry ? f.depletionAt() : Observation.NONE, f.depletionEarliestAt(), f.depletionLatestAt(),
                f.confidence(), t);
    }

    /**
     * A projected instant against the depletion horizons (DEPLETION_FORECAST, and the pools' OVERAGE_FORECAST):
     * {@code at} is the median projection ({@link Observation#NONE}: not within reach, which clears the alert),
     * {@code earliestAt}/{@code latestAt} its P10/P90 ({@link Observation#NONE} when absent or open).
     */
    public static Signal horizon(String key, AlertType type, long now, long at, long earliestAt, long latestAt,
                                 double confidence, AlertThresholds t) {
        if (at == Observation.NONE) {
            return Signal.of(key, type, null, null, null, t.confirmSnapshots());
        }
        long ttd = at - now;
        double margin = 1 + t.horizonResolveMargin();
        long relaxedWarn = (long) (t.depletionWarn().toMillis() * margin);
        long relaxedCritical = (long) (t.depletionCritical().toMillis() * margin);
        Severity entering = confidence < t.depletionMinConfidence() ? null
                : horizon(ttd, t.depletionCritical().toMillis(), t.depletionWarn().toMillis());
        // a WARNING opens on the median projection once the bracket's late end (P90) is within reach as well: a
        // window of a day and a half that sees only weekdays or a heavy burst projects early, and its bracket then
        // reaches out to the longer run's projection; CRITICAL is never held back, an open P90 holds nothing back
        if (entering == Severity.WARNING && latestAt != Observation.NONE && latestAt - now > relaxedWarn) {
            entering = null;
        }
        // an open alert holds while the bracket's early end (P10) is inside the relaxed horizon: a projection that a
        // weekend, a quiet stretch or noise moves beyond the horizon neither resolves nor de-escalates the alert
        long holdTtd = earliestAt == Observation.NONE ? ttd : Math.min(ttd, earliestAt - now);
        Severity holding = horizon(holdTtd, relaxedCritical, relaxedWarn);
        return Signal.of(key, type, null, entering, holding, t.confirmSnapshots());
    }

    private static Signal overflow(PackageSnapshot s, AlertThresholds t, boolean gone) {
        String key = AlertKeys.of(s.getPackageKey(), AlertType.OVERFLOW, null);
        Severity sev = null;
        if (!gone && s.getOverflow() > 0) {
            double pct = s.getCapacity() <= 0 ? 100 : 100d * s.getOverflow() / s.getCapacity();
            sev = pct >= t.overflowCriticalPercent() ? Severity.CRITICAL : Severity.WARNING;
        }
        return Signal.of(key, AlertType.OVERFLOW, null, sev, sev, t.exhaustedConfirm());
    }

    private static Signal expiring(PackageSnapshot s, Forecast f, AlertThresholds t, boolean gone) {
        String key = AlertKeys.of(s.getPackageKey(), AlertType.EXPIRING, null);
        Instant expiry = s.getExpiresAt();
        long now = s.getObservedAt().toEpochMilli();
        if (gone || expiry == null || expiry.toEpochMilli() <= now) {
            // expired packages are EXPIRED_UNUSED's business
            return Signal.of(key, AlertType.EXPIRING, null, null, null, t.confirmSnapshots());
        }
        return waste(key, AlertType.EXPIRING, now, expiry.toEpochMilli(), projectedWaste(s, f), s.getCapacity(), t);
    }

    /**
     * Capacity projected to expire unused against the expiring horizons (EXPIRING, and the pools'
     * POOL_WASTE_FORECAST): open while the waste exceeds the threshold share of {@code capacity} and the expiry is
     * within reach; both relaxed by the hysteresis margin to hold.
     */
    public static Signal waste(String key, AlertType type, long now, long expiresAt, long waste, long capacity,
                               AlertThresholds t) {
        if (expiresAt <= now) {
            return Signal.of(key, type, null, null, null, t.confirmSnapshots());
        }
        long tte = expiresAt - now;
        double wastePct = capacity <= 0 ? 0 : 100d * waste / capacity;
        double margin = 1 + t.horizonResolveMargin();
        Severity entering = wastePct > t.wasteThresholdPercent()
                ? horizon(tte, t.expiringCritical().toMillis(), t.expiringWarn().toMillis()) : null;
        Severity holding = wastePct > t.wasteThresholdPercent() / margin
                ? horizon(tte, (long) (t.expiringCritical().toMillis() * margin), (long) (t.expiringWarn().toMillis() * margin))
                : null;
        return Signal.of(key, type, null, entering, holding, t.confirmSnapshots());
    }

    /** What would be left unused at expiry: the forecast's projection, or the current remaining without one. */
    static long projectedWaste(PackageSnapshot s, Forecast f) {
        return f != null && f.hasProjection() && f.remainingAtExpiry() >= 0 ? f.remainingAtExpiry() : s.getRemaining();
    }

    /** Expired by status or by its expiry instant at the observation. */
    static boolean expired(PackageSnapshot s) {
        return s.getExpiresAt() != null
                && (s.getStatus() == PackageStatus.EXPIRED || !s.getObservedAt().isBefore(s.getExpiresAt()));
    }

    private static Severity horizon(long millisLeft, long criticalMillis, long warnMillis) {
        if (millisLeft <= criticalMillis) {
            return Severity.CRITICAL;
        }
        return millisLeft <= warnMillis ? Severity.WARNING : null;
    }
}
