package io.packwatch.streams.pools;

import io.packwatch.schema.AmountUnit;
import io.packwatch.streams.alerts.AlertTracker;
import io.packwatch.streams.forecast.Observation;
import java.util.TreeMap;

/**
 * The pool store's value: everything the pool's decisions depend on, committed together with the output by
 * exactly-once, so a replay repeats neither a transition nor an event id.
 *
 * <p>{@code cumulative} is what the pool has consumed since it was first seen: the sum of its members' increases of
 * {@code used}. A member that joins with {@code used > 0} or leaves does not move it, so neither looks like consumption
 * or a reset; {@code history} is the forecast's history of it (PackageHistoryCodec bytes).
 */
final class PoolRecord {
    /** Bounds the state a hostile or broken feed can pile into one pool. */
    static final int MAX_MEMBERS = 256;

    TreeMap<String, Member> members = new TreeMap<>();
    long cumulative;
    byte[] history;
    long observedAt;
    AmountUnit unit;
    /** The idle window of an OFF_PEAK lane as its members' snapshots state it ("HH:mm", "HH:mm", zone), or null. */
    String[] offPeakWindow;
    /** The overage instant of the latest projection, {@link Observation#NONE} beyond the horizon or unprojected. */
    long overageAt = Observation.NONE;
    /** Whether a package was turned away because the pool is full (logged once, not per snapshot). */
    boolean full;
    /** Per alert key of the pool (its OVERAGE_FORECAST, its members' POOL_WASTE_FORECAST). */
    TreeMap<String, PoolAlert> alerts = new TreeMap<>();

    /** @param lastDetectedAt detectedAt of the latest event, so that no later event is dated before it */
    record PoolAlert(AlertTracker tracker, long lastDetectedAt) {
    }
}
