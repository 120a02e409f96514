package io.packwatch.streams.forecast;

/** Every hour is drawable. */
public final class FullTimeClock implements DrawableClock {

    public static final FullTimeClock INSTANCE = new FullTimeClock();
    private static final double MILLIS_PER_HOUR = 3_600_000d;

    private FullTimeClock() {
    }

    @Override
    public double drawableHours(long fromMillis, long toMillis) {
        return toMillis <= fromMillis ? 0 : (toMillis - fromMillis) / MILLIS_PER_HOUR;
    }

    @Override
    public long instantAfter(long fromMillis, double hours, long horizonMillis) {
        double target = fromMillis + hours * MILLIS_PER_HOUR;
        return target > fromMillis + (double) horizonMillis ? -1 : Math.round(target);
    }

    @Override
    public String toString() {
        return "FULL_TIME";
    }
}
