package io.packwatch.streams.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Only the hours of a daily local window (e.g. 00:00-08:00 Asia/Shanghai) are drawable. A window whose end is not
 * after its start wraps past midnight (22:00-06:00). Computed per local day so DST zones stay correct.
 */
public final class OffPeakClock implements DrawableClock {

    private static final double MILLIS_PER_HOUR = 3_600_000d;

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    public OffPeakClock(LocalTime start, LocalTime end, ZoneId zone) {
        if (start.equals(end)) {
            throw new IllegalArgumentException("off-peak window must not be empty: " + start + "-" + end);
        }
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    /** Parses the snapshot's window fields ("00:00", "08:00", "Asia/Shanghai"). */
    public static OffPeakClock of(String start, String end, String zone) {
        return new OffPeakClock(LocalTime.parse(start), LocalTime.parse(end), ZoneId.of(zone));
    }

    @Override
    public double drawableHours(long fromMillis, long toMillis) {
        if (toMillis <= fromMillis) {
            return 0;
        }
        long total = 0;
        LocalDate day = localDate(fromMillis).minusDays(1);
        LocalDate last = localDate(toMillis);
        while (!day.isAfter(last)) {
            long ws = windowStart(day);
            long we = windowEnd(day);
            total += Math.max(0, Math.min(we, toMillis) - Math.max(ws, fromMillis));
            day = day.plusDays(1);
        }
        return total / MILLIS_PER_HOUR;
    }

    @Override
    public long instantAfter(long fromMillis, double hours, long horizonMillis) {
        long limit = fromMillis + horizonMillis;
        double needMillis = hours * MILLIS_PER_HOUR;
        // Skip whole days at once: every local day holds one window (DST days are off by at most an hour, which
        // the exact walk below absorbs because it stops one day early).
        double perDayMillis = Duration.between(start, end).toMillis();
        if (perDayMillis <= 0) {
            perDayMillis += Duration.ofDays(1).toMillis();
        }
        long cursor = fromMillis;
        long wholeDays = (long) Math.floor(needMillis / perDayMillis) - 1;
        if (wholeDays > 0) {
            if (wholeDays > horizonMillis / Duration.ofDays(1).toMillis() + 1) {
                return -1;
            }
            long jumped = ZonedDateTime.ofInstant(Instant.ofEpochMilli(cursor), zone).plusDays(wholeDays)
                    .toInstant().toEpochMilli();
            needMillis -= drawableHours(cursor, jumped) * MILLIS_PER_HOUR;
            cursor = jumped;
        }
        LocalDate day = localDate(cursor).minusDays(1);
        while (cursor <= limit) {
            long ws = Math.max(windowStart(day), cursor);
            long we = windowEnd(day);
            if (we > ws) {
                if (we - ws >= needMillis) {
                    long at = ws + Math.round(needMillis);
                    return at > limit ? -1 : at;
                }
                needMillis -= we - ws;
                cursor = we;
            }
            day = day.plusDays(1);
        }
        return -1;
    }

    private LocalDate localDate(long millis) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
    }

    private long windowStart(LocalDate day) {
        return day.atTime(start).atZone(zone).toInstant().toEpochMilli();
    }

    private long windowEnd(LocalDate day) {
        LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
        return endDay.atTime(end).atZone(zone).toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return "OFF_PEAK " + start + "-" + end + " " + zone;
    }
}
