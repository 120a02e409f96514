package io.packwatch.streams.forecast;

/**
 * The figures of one snapshot that the history and the forecast need, free of Avro so the math is testable alone.
 * Optional instants are {@link #NONE} when absent.
 */
public record Observation(
        long observedAt,
        String packageId,
        long capacity,
        long used,
        long cycleStart,
        long cycleEnd,
        long expiresAt,
        DrawableClock clock) {

    public static final long NONE = Long.MIN_VALUE;

    public long remaining() {
        return Math.max(0, capacity - used);
    }

    public boolean hasExpiry() {
        return expiresAt != NONE;
    }

    /** Convenience for tests and callers with a FULL_TIME package and no cycle. */
    public static Observation fullTime(long observedAt, String packageId, long capacity, long used, long expiresAt) {
        return new Observation(observedAt, packageId, capacity, used, NONE, NONE, expiresAt, FullTimeClock.INSTANCE);
    }
}
