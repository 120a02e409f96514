package io.packwatch.streams.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Weekday and weekend consumption rates (per drawable hour) from a segment's daily samples, once they span two
 * weeks and the two differ by at least {@link #MIN_DIFFERENCE}. Days are calendar days in UTC+8
 * ({@link PackageHistory#CALENDAR_OFFSET_MS}); each rate is the median of its days, so one unusual day does not
 * set it. The projection walks forward day by day at the rate of each day's class, scaled so that the profile
 * agrees with the recent trend (a level shift or a rate change since the profile's weeks carries over).
 */
final class WeeklyProfile {

    /** Relative difference between the classes below which a week is taken as flat (no profile). */
    static final double MIN_DIFFERENCE = 0.2;
    private static final long MIN_SPAN_DAYS = 14;
    private static final int MIN_WEEKDAYS = 6;
    private static final int MIN_WEEKEND_DAYS = 3;
    private static final long DAY = PackageHistory.DAY_MS;

    private final double weekdayRate;
    private final double weekendRate;

    private WeeklyProfile(double weekdayRate, double weekendRate) {
        this.weekdayRate = weekdayRate;
        this.weekendRate = weekendRate;
    }

    /**
     * The profile of a segment's daily samples, or null when the segment does not span two weeks or shows no weekly
     * pattern.
     */
    static WeeklyProfile of(long segmentStartedAt, List<Point> daily, DrawableClock clock) {
        int n = daily.size();
        if (n < 2 || daily.get(n - 1).at() - segmentStartedAt < MIN_SPAN_DAYS * DAY) {
            return null;
        }
        List<Double> weekdays = new ArrayList<>();
        List<Double> weekends = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            Point from = daily.get(i - 1);
            Point to = daily.get(i);
            double hours = clock.drawableHours(from.at(), to.at());
            if (PackageHistory.calendarDay(to.at()) - PackageHistory.calendarDay(from.at()) != 1 || hours <= 0) {
                continue;
            }
            (isWeekend(to.at()) ? weekends : weekdays).add(Math.max(0, to.used() - from.used()) / hours);
        }
        if (weekdays.size() < MIN_WEEKDAYS || weekends.size() < MIN_WEEKEND_DAYS) {
            return null;
        }
        double wd = median(weekdays);
        double we = median(weekends);
        double larger = Math.max(wd, we);
        if (larger <= 0 || Math.abs(wd - we) / larger < MIN_DIFFERENCE) {
            return null;
        }
        return new WeeklyProfile(wd, we);
    }

    static boolean isWeekend(long at) {
        // calendar day 0 is Thursday 1970-01-01; 0 = Monday .. 5 = Saturday, 6 = Sunday
        return Math.floorMod(PackageHistory.calendarDay(at) + 3, 7) >= 5;
    }

    double rateAt(long at) {
        return isWeekend(at) ? weekendRate : weekdayRate;
    }

    /**
     * The instant at which {@code amount} is consumed after {@code from} at the profile's rates times {@code scale},
     * or -1 beyond {@code horizonMillis}.
     */
    long instantAfter(long from, double amount, double scale, DrawableClock clock, long horizonMillis) {
        long limit = from + horizonMillis;
        long cursor = from;
        double week = consumed(cursor, cursor + 7 * DAY, scale, clock);
        if (week <= 0) {
            return -1;
        }
        long wholeWeeks = (long) Math.floor(amount / week) - 1;
        if (wholeWeeks > 0) {
            if (wholeWeeks > horizonMillis / (7 * DAY) + 1) {
                return -1;
            }
            cursor += wholeWeeks * 7 * DAY;
            amount -= wholeWeeks * week;
        }
        while (cursor <= limit) {
            long next = nextDay(cursor);
            double rate = rateAt(cursor) * scale;
            double dayAmount = rate * clock.drawableHours(cursor, next);
            if (rate > 0 && dayAmount >= amount) {
                long at = clock.instantAfter(cursor, amount / rate, limit - cursor);
                return at > limit ? -1 : at;
            }
            amount -= dayAmount;
            cursor = next;
        }
        return -1;
    }

    /** Consumption over [from, to) at the profile's rates times {@code scale}. */
    double consumed(long from, long to, double scale, DrawableClock clock) {
        double amount = 0;
        for (long cursor = from; cursor < to; ) {
            long next = Math.min(to, nextDay(cursor));
            amount += rateAt(cursor) * scale * clock.drawableHours(cursor, next);
            cursor = next;
        }
        return amount;
    }

    private static long nextDay(long at) {
        return (PackageHistory.calendarDay(at) + 1) * DAY - PackageHistory.CALENDAR_OFFSET_MS;
    }

    private static double median(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        return LeastSquares.median(a);
    }

    @Override
    public String toString() {
        return "WeeklyProfile[weekday=" + weekdayRate + "/h, weekend=" + weekendRate + "/h]";
    }
}
