package io.packwatch.streams.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The weekly profile on hand-made daily samples: when a profile exists (two weeks, six weekday and three weekend
 * day-to-day rates, classes at least 20 % apart), which calendar days (UTC+8) are the weekend, and the projection
 * through it, checked against instants computed by hand.
 */
class WeeklyProfileTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long TEN_YEARS = 3650 * DAY;
    private static final DrawableClock FULL_TIME = FullTimeClock.INSTANCE;

    /** Beijing local time (UTC+8, the profile's calendar) as epoch milliseconds. */
    private static long beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    /** 2026-11-23 (a Monday) plus {@code days}, at {@code time} Beijing time. */
    private static long day(int days, String time) {
        return beijing("2026-11-23T" + time) + days * DAY;
    }

    /** Daily samples at the given instants, consuming each class's rate per drawable hour of {@code clock}. */
    private static List<Point> samples(List<Long> instants, double weekdayRate, double weekendRate, DrawableClock clock) {
        LongToDoubleFunction rate = t -> WeeklyProfile.isWeekend(t) ? weekendRate : weekdayRate;
        List<Point> points = new ArrayList<>();
        double used = 0;
        for (int i = 0; i < instants.size(); i++) {
            long t = instants.get(i);
            if (i > 0) {
                used += rate.applyAsDouble(t) * clock.drawableHours(instants.get(i - 1), t);
            }
            points.add(new Point(t, Math.round(used)));
        }
        return points;
    }

    /** One sample a day at noon, Beijing time, from day {@code first} to day {@code last} after Monday 2026-11-23. */
    private static List<Long> noons(int first, int last) {
        List<Long> instants = new ArrayList<>();
        for (int d = first; d <= last; d++) {
            instants.add(day(d, "12:00"));
        }
        return instants;
    }

    /** Weekdays 10/h, weekends 2/h, over a segment of exactly two weeks. */
    private static WeeklyProfile tenAndTwo() {
        List<Point> daily = samples(noons(0, 14), 10, 2, FULL_TIME);
        WeeklyProfile profile = WeeklyProfile.of(day(0, "12:00"), daily, FULL_TIME);
        assertThat(profile).isNotNull();
        return profile;
    }

    @Test
    void theWeekendIsSaturdayAndSundayInBeijing() {
        assertThat(WeeklyProfile.isWeekend(day(4, "23:59:59.999"))).as("Friday night").isFalse();
        assertThat(WeeklyProfile.isWeekend(day(5, "00:00"))).as("Saturday, Friday 16:00 UTC").isTrue();
        assertThat(WeeklyProfile.isWeekend(day(6, "23:59:59.999"))).as("Sunday night").isTrue();
        assertThat(WeeklyProfile.isWeekend(day(7, "00:00"))).as("Monday").isFalse();
        assertThat(WeeklyProfile.isWeekend(day(2, "12:00"))).as("Wednesday").isFalse();
    }

    @Test
    void aProfileNeedsASegmentOfTwoWeeks() {
        List<Point> daily = samples(noons(0, 14), 10, 2, FULL_TIME);
        long last = daily.get(daily.size() - 1).at();

        WeeklyProfile exactlyTwoWeeks = WeeklyProfile.of(last - 14 * DAY, daily, FULL_TIME);
        assertThat(exactlyTwoWeeks).isNotNull();
        assertThat(exactlyTwoWeeks.rateAt(day(7, "09:00"))).isEqualTo(10);
        assertThat(exactlyTwoWeeks.rateAt(day(12, "09:00"))).isEqualTo(2);
        assertThat(WeeklyProfile.of(last - 14 * DAY + 1, daily, FULL_TIME)).isNull();
    }

    /**
     * Samples Thursday to the next Saturday: the day-to-day rates end on Fri, Sat, Sun, Mon-Fri, Sat, which is six
     * weekdays and three weekend days, just enough; one fewer of either is no profile.
     */
    @Test
    void aProfileNeedsSixWeekdayAndThreeWeekendRates() {
        List<Point> daily = samples(noons(3, 12), 10, 2, FULL_TIME);
        long start = daily.get(daily.size() - 1).at() - 14 * DAY;

        assertThat(WeeklyProfile.of(start, daily, FULL_TIME)).isNotNull();
        assertThat(WeeklyProfile.of(start, daily.subList(1, daily.size()), FULL_TIME)).as("five weekdays").isNull();
        List<Point> twoWeekendDays = samples(noons(3, 11), 10, 2, FULL_TIME);
        assertThat(WeeklyProfile.of(twoWeekendDays.get(twoWeekendDays.size() - 1).at() - 14 * DAY, twoWeekendDays,
                FULL_TIME)).as("two weekend days").isNull();
    }

    /**
     * Only samples on consecutive calendar days with drawable hours between them give a rate. Off-peak (00:00-08:00),
     * Thursday's sample at 08:00 and Friday's at 00:00 have none between them, though the vendor counted one more
     * unit: that is no rate (an infinite one would count as the sixth weekday).
     */
    @Test
    void daysWithoutDrawableHoursBetweenTheirSamplesGiveNoRate() {
        DrawableClock offPeak = OffPeakClock.of("00:00", "08:00", "Asia/Shanghai");
        List<Long> instants = new ArrayList<>();
        instants.add(day(3, "08:00"));
        for (int d = 4; d <= 12; d++) {
            instants.add(day(d, "00:00"));
        }
        List<Point> daily = new ArrayList<>(samples(instants, 10, 2, offPeak));
        assertThat(offPeak.drawableHours(daily.get(0).at(), daily.get(1).at())).isZero();
        for (int i = 1; i < daily.size(); i++) {
            daily.set(i, new Point(daily.get(i).at(), daily.get(i).used() + 1));
        }
        long start = daily.get(daily.size() - 1).at() - 14 * DAY;

        assertThat(WeeklyProfile.of(start, daily, offPeak)).isNull();
    }

    @Test
    void classesTwentyPercentApartAreAProfileAndNothingConsumedIsNone() {
        List<Point> twentyPercent = samples(noons(0, 14), 10, 8, FULL_TIME);
        WeeklyProfile profile = WeeklyProfile.of(day(0, "12:00"), twentyPercent, FULL_TIME);
        assertThat(profile).isNotNull();
        assertThat(profile.rateAt(day(5, "12:00"))).isEqualTo(8);

        assertThat(WeeklyProfile.of(day(0, "12:00"), samples(noons(0, 14), 10, 8.1, FULL_TIME), FULL_TIME)).isNull();
        assertThat(WeeklyProfile.of(day(0, "12:00"), samples(noons(0, 14), 0, 0, FULL_TIME), FULL_TIME)).isNull();
    }

    @Test
    void consumptionFollowsEachDaysClassTimesTheScale() {
        WeeklyProfile profile = tenAndTwo();
        assertThat(profile.consumed(day(7, "00:00"), day(7, "12:00"), 2, FULL_TIME)).isEqualTo(240);
        // Friday noon to Saturday noon: 12 h at 10/h, 12 h at 2/h
        assertThat(profile.consumed(day(11, "12:00"), day(12, "12:00"), 1, FULL_TIME)).isEqualTo(144);
        assertThat(profile).hasToString("WeeklyProfile[weekday=10.0/h, weekend=2.0/h]");
    }

    @Test
    void theProjectionWalksTheDaysAtTheirClassRate() {
        WeeklyProfile profile = tenAndTwo();
        long monday = day(7, "00:00");
        assertThat(profile.instantAfter(monday, 120, 1, FULL_TIME, TEN_YEARS)).isEqualTo(day(7, "12:00"));
        assertThat(profile.instantAfter(monday, 120, 2, FULL_TIME, TEN_YEARS)).isEqualTo(day(7, "06:00"));
        // Monday to Friday is 1200; then the weekend at 2/h: 24 more is Saturday noon
        assertThat(profile.instantAfter(monday, 1224, 1, FULL_TIME, TEN_YEARS)).isEqualTo(day(12, "12:00"));
    }

    /** A week is 5 x 240 + 2 x 48 = 1296: three weeks and 120 is Monday noon three weeks on, whole weeks skipped. */
    @Test
    void aProjectionOverWeeksSkipsWholeWeeksToTheSameInstant() {
        WeeklyProfile profile = tenAndTwo();
        long monday = day(7, "00:00");
        assertThat(profile.instantAfter(monday, 3 * 1296 + 120, 1, FULL_TIME, TEN_YEARS))
                .isEqualTo(day(28, "12:00"));
        assertThat(profile.instantAfter(monday, 3 * 1296 + 120, 1, FULL_TIME, 21 * DAY)).isEqualTo(-1);
        assertThat(profile.instantAfter(monday, 10 * 1296, 1, FULL_TIME, 28 * DAY)).as("far beyond the horizon")
                .isEqualTo(-1);
    }

    @Test
    void aProjectionEndsAtTheHorizonInclusive() {
        WeeklyProfile profile = tenAndTwo();
        long monday = day(7, "00:00");
        assertThat(profile.instantAfter(monday, 120, 1, FULL_TIME, 12 * HOUR)).isEqualTo(day(7, "12:00"));
        assertThat(profile.instantAfter(monday, 120, 1, FULL_TIME, 12 * HOUR - 1)).isEqualTo(-1);
        // a week's worth does not run out within three days
        assertThat(profile.instantAfter(monday, 1296, 1, FULL_TIME, 3 * DAY)).isEqualTo(-1);
        assertThat(profile.instantAfter(monday, 120, 0, FULL_TIME, TEN_YEARS)).as("a profile scaled to nothing")
                .isEqualTo(-1);
    }

    /** Where the weekend draws nothing, what runs out with Friday's last hour runs out then, not on Monday. */
    @Test
    void runningOutExactlyAtTheEndOfADayIsThatInstant() {
        WeeklyProfile weekdaysOnly = WeeklyProfile.of(day(0, "12:00"), samples(noons(0, 14), 10, 0, FULL_TIME), FULL_TIME);
        assertThat(weekdaysOnly).isNotNull();
        assertThat(weekdaysOnly.instantAfter(day(7, "00:00"), 1200, 1, FULL_TIME, TEN_YEARS)).isEqualTo(day(12, "00:00"));
        assertThat(weekdaysOnly.instantAfter(day(7, "00:00"), 1201, 1, FULL_TIME, TEN_YEARS))
                .isEqualTo(day(14, "00:06"));
    }
}
