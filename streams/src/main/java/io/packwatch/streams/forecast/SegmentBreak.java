package io.packwatch.streams.forecast;

/**
 * Why a new consumption segment started. After a break the history restarts from the new observation, so a reset
 * (used drops, capacity grows, a new cycle or package) is never read as consumption.
 */
public enum SegmentBreak {
    NONE,
    FIRST_OBSERVATION,
    USED_DROPPED,
    CAPACITY_ROSE,
    NEW_CYCLE,
    RENEWED,
    NEW_PACKAGE_ID;

    static SegmentBreak between(Observation previous, Observation next) {
        if (previous == null) {
            return FIRST_OBSERVATION;
        }
        if (!previous.packageId().equals(next.packageId())) {
            return NEW_PACKAGE_ID;
        }
        if (previous.cycleStart() != next.cycleStart() || previous.cycleEnd() != next.cycleEnd()) {
            return NEW_CYCLE;
        }
        if (next.used() < previous.used()) {
            return USED_DROPPED;
        }
        if (next.capacity() > previous.capacity()) {
            return CAPACITY_ROSE;
        }
        if (previous.expiresAt() != Observation.NONE && next.expiresAt() != Observation.NONE
                && next.expiresAt() > previous.expiresAt()) {
            return RENEWED;
        }
        return NONE;
    }
}
