package io.packwatch.streams.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * One synthetic package for the accuracy harness: a true consumption curve (minute resolution, from a rate per hour
 * at each instant), what the vendor reports of it at each poll (noise, stale repeats, hourly posting), the poll
 * instants (jittered, with an optional gap), an optional top-up, and the true depletion instant that follows.
 */
final class AccuracySeries {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /** 2026-11-02T00:00:00Z, a Monday; 08:00 in Beijing. */
    static final long START = 1_762_041_600_000L;
    static final long LIFETIME = 40 * DAY;

    /** How the vendor reports the true used amount. */
    interface Reporting {
        /** The reported used amount at {@code at}, given the series and the previous report (-1 before any). */
        long report(AccuracySeries s, long at, long previousReport, Random random);
    }

    final String name;
    final boolean offPeak;
    final long capacity;
    final long topUpAt;
    final long topUpAmount;
    final double[] cumulative;
    final long trueDepletionAt;
    final List<Long> polls;
    final long[] reported;

    AccuracySeries(String name, boolean offPeak, long capacity, long topUpAt, long topUpAmount,
                   LongToDoubleFunction ratePerHourAt, Reporting reporting, long gapFrom, long gapTo, long seed) {
        this.name = name;
        this.offPeak = offPeak;
        this.capacity = capacity;
        this.topUpAt = topUpAt;
        this.topUpAmount = topUpAmount;
        int minutes = (int) (LIFETIME / MINUTE) + 1;
        cumulative = new double[minutes];
        long depletion = -1;
        for (int m = 1; m < minutes; m++) {
            long t = START + (m - 1) * MINUTE;
            cumulative[m] = cumulative[m - 1] + ratePerHourAt.applyAsDouble(t) / 60d;
            if (depletion < 0 && cumulative[m] >= capacityAt(START + m * MINUTE)) {
                depletion = START + m * MINUTE;
            }
        }
        if (depletion < 0) {
            throw new IllegalArgumentException(name + ": the package does not run out within " + LIFETIME / DAY + " days");
        }
        trueDepletionAt = depletion;
        Random random = new Random(seed);
        polls = new ArrayList<>();
        for (long t = START; t < depletion; t += 5 * MINUTE) {
            long at = Math.max(START, t + (long) ((random.nextDouble() * 2 - 1) * 2 * MINUTE));
            if ((at < gapFrom || at >= gapTo) && (polls.isEmpty() || at > polls.get(polls.size() - 1))) {
                polls.add(at);
            }
        }
        reported = new long[polls.size()];
        long previous = -1;
        for (int i = 0; i < polls.size(); i++) {
            long at = polls.get(i);
            long r = Math.max(0, Math.min(capacityAt(at), reporting.report(this, at, previous, random)));
            reported[i] = r;
            previous = r;
        }
    }

    long capacityAt(long at) {
        return topUpAt > 0 && at >= topUpAt ? capacity + topUpAmount : capacity;
    }

    long trueUsed(long at) {
        int m = (int) Math.min(cumulative.length - 2, (at - START) / MINUTE);
        double frac = Math.min(1, (at - START - m * MINUTE) / (double) MINUTE);
        return (long) Math.floor(cumulative[m] + frac * (cumulative[m + 1] - cumulative[m]));
    }

    static Reporting exact() {
        return (s, at, previous, random) -> s.trueUsed(at);
    }

    /** Uniform noise of +-share of the true amount. */
    static Reporting noisy(double share) {
        return (s, at, previous, random) -> Math.round(s.trueUsed(at) * (1 + share * (2 * random.nextDouble() - 1)));
    }

    /** A share of polls repeats the previous report (a stale cache), the others go through {@code base}. */
    static Reporting stale(double share, Reporting base) {
        return (s, at, previous, random) -> previous >= 0 && random.nextDouble() < share ? previous
                : base.report(s, at, previous, random);
    }

    /** Usage posted once an hour: the report is the true amount at the start of the hour. */
    static Reporting hourlySteps() {
        return (s, at, previous, random) -> s.trueUsed(at - Math.floorMod(at, HOUR));
    }
}
