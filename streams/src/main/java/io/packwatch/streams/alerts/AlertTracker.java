package io.packwatch.streams.alerts;

import io.packwatch.schema.Severity;

/**
 * Memory of one alert key, kept in its package's tracking record so that replays and restarts continue where they left off.
 *
 * @param firing        current severity while FIRING, null while not firing
 * @param sequence      transitions emitted so far
 * @param pendingKind   transition waiting for confirmations, null when none
 * @param pendingTarget severity that transition would set (for RESOLVE: null)
 * @param pendingCount  consecutive snapshots that agreed so far
 */
public record AlertTracker(Severity firing, long sequence, TransitionKind pendingKind, Severity pendingTarget,
                           int pendingCount) {

    public static final AlertTracker NEW = new AlertTracker(null, 0, null, null, 0);

    public boolean isFiring() {
        return firing != null;
    }

    AlertTracker withoutPending() {
        return pendingKind == null ? this : new AlertTracker(firing, sequence, null, null, 0);
    }
}
