package io.packwatch.streams.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * A package consumed minute by minute by a rate function (units per hour at an instant), polled at (optionally
 * jittered) intervals. Knows the true depletion instant, so forecasts can be scored against it.
 */
final class SyntheticSeries {

    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    /** 2026-11-01T00:00:00Z, a Sunday; Asia/Shanghai midnight is 16:00Z. */
    static final long START = 1_761_955_200_000L;

    final long capacity;
    final long expiresAt;
    final DrawableClock clock;
    final double[] cumulative;
    final long trueDepletionAt;

    SyntheticSeries(long capacity, long lifetimeMillis, DrawableClock clock, LongToDoubleFunction ratePerHourAt) {
        this.capacity = capacity;
        this.expiresAt = START + lifetimeMillis;
        this.clock = clock;
        int minutes = (int) (lifetimeMillis / MINUTE) + 1;
        cumulative = new double[minutes];
        long depletion = Observation.NONE;
        for (int m = 1; m < minutes; m++) {
            long t = START + (m - 1) * MINUTE;
            cumulative[m] = cumulative[m - 1] + ratePerHourAt.applyAsDouble(t) / 60d;
            if (depletion == Observation.NONE && cumulative[m] >= capacity) {
                depletion = START + m * MINUTE;
            }
        }
        trueDepletionAt = depletion;
    }

    /** Used amount at t, interpolated inside the minute so sub-minute poll jitter reads the right amount. */
    long usedAt(long t) {
        int m = (int) Math.min(cumulative.length - 2, (t - START) / MINUTE);
        double frac = Math.min(1, (t - START - m * MINUTE) / (double) MINUTE);
        double used = cumulative[m] + frac * (cumulative[m + 1] - cumulative[m]);
        return Math.min(capacity, (long) Math.floor(used));
    }

    Observation observe(long t) {
        return new Observation(t, "tfp-synthetic", capacity, usedAt(t), Observation.NONE, Observation.NONE,
                expiresAt, clock);
    }

    /** Poll instants every interval, each shifted by up to +-jitter (irregular intervals), until the end. */
    List<Long> pollTimes(long interval, long jitter, long until, long seed) {
        Random random = new Random(seed);
        List<Long> times = new ArrayList<>();
        for (long t = START; t <= until; t += interval) {
            long shift = jitter == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitter);
            times.add(Math.max(START, t + shift));
        }
        return times;
    }
}
