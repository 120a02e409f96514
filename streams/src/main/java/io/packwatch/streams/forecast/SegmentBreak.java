package io.packwatch.streams.forecast;

/**
 * Why a new consumption segment started. After a break the history restarts from the new observation, so a reset
 * is never read as consumption. Only real resets break a segment: a new package id, a new cycle, a capacity change,
 * a renewal, a drop of used to near zero, or a large drop that persists ({@link #USED_DROPPED}, confirmed by
 * {@link PackageHistory}). Smaller decreases, repeated values and late samples are noise that the estimators absorb.
 * The ordinal is stored in the history layout: append new constants, never reorder.
 */
public enum SegmentBreak {
    NONE,
    FIRST_OBSERVATION,
    /** Used dropped by at least {@link ForecastSettings#resetDropPercent()} of capacity for the configured polls. */
    USED_DROPPED,
    CAPACITY_CHANGED,
    NEW_CYCLE,
    RENEWED,
    NEW_PACKAGE_ID,
    /** Used fell to at most {@link ForecastSettings#resetNearZeroPercent()} of capacity: a counter reset. */
    USED_TO_ZERO;

    /**
     * What {@code next} means after {@code previous} (the latest sample applied to the segment, with the segment's
     * identity). {@link #USED_DROPPED} is only a candidate here: the history opens the segment once it persists.
     */
    static SegmentBreak between(Observation previous, Observation next, ForecastSettings settings) {
        if (previous == null) {
            return FIRST_OBSERVATION;
        }
        if (!previous.packageId().equals(next.packageId())) {
            return NEW_PACKAGE_ID;
        }
        if (previous.cycleStart() != next.cycleStart() || previous.cycleEnd() != next.cycleEnd()) {
            return NEW_CYCLE;
        }
        if (next.capacity() != previous.capacity()) {
            return CAPACITY_CHANGED;
        }
        if (previous.expiresAt() != Observation.NONE && next.expiresAt() != Observation.NONE
                && next.expiresAt() > previous.expiresAt()) {
            return RENEWED;
        }
        double drop = (double) previous.used() - next.used();
        if (drop <= 0) {
            return NONE;
        }
        double capacity = Math.max(1, next.capacity());
        double nearZero = capacity * settings.resetNearZeroPercent() / 100;
        if (next.used() <= nearZero && drop > nearZero) {
            return USED_TO_ZERO;
        }
        return drop >= capacity * settings.resetDropPercent() / 100 ? USED_DROPPED : NONE;
    }
}
