package io.packwatch.streams.alerts;

import java.time.Duration;
import java.util.List;

/**
 * Every alert knob, resolved for one package (its vendor API and kind). See {@link AlertSettings} for the keys.
 *
 * @param confirmSnapshots        consecutive snapshots that must agree before a transition (per rule, see below)
 * @param usageBands              USAGE_THRESHOLD bands in percent, each its own alert
 * @param usageResolveMargin      percentage points below a band before its alert resolves
 * @param depletionWarn           DEPLETION_FORECAST WARNING when projected depletion is within this
 * @param depletionCritical       DEPLETION_FORECAST CRITICAL within this
 * @param depletionMinConfidence  forecast confidence needed to open DEPLETION_FORECAST
 * @param horizonResolveMargin    horizon alerts resolve/de-escalate only beyond horizon * (1 + margin)
 * @param expiringWarn            EXPIRING WARNING when expiry is within this
 * @param expiringCritical        EXPIRING CRITICAL within this
 * @param wasteThresholdPercent   EXPIRING only while projected remaining at expiry exceeds this % of capacity
 * @param overflowCriticalPercent OVERFLOW is CRITICAL (else WARNING) from this % of capacity
 * @param stalePollInterval       expected poll interval
 * @param staleIntervals          STALE after this many poll intervals without a snapshot
 * @param exhaustedConfirm        confirmations for EXHAUSTED, NETWORK_DISABLED, EXPIRED_UNUSED (vendor statuses)
 */
public record AlertThresholds(
        int confirmSnapshots,
        List<Integer> usageBands,
        double usageResolveMargin,
        Duration depletionWarn,
        Duration depletionCritical,
        double depletionMinConfidence,
        double horizonResolveMargin,
        Duration expiringWarn,
        Duration expiringCritical,
        double wasteThresholdPercent,
        double overflowCriticalPercent,
        Duration stalePollInterval,
        int staleIntervals,
        int exhaustedConfirm) {

    public Duration staleAfter() {
        return Duration.ofMillis(staleAfterMillis());
    }

    /** {@link #staleAfter()} in milliseconds, for the per-snapshot path: {@code Duration.multipliedBy} goes through BigDecimal. */
    public long staleAfterMillis() {
        return Math.multiplyExact(stalePollInterval.toMillis(), staleIntervals);
    }
}
