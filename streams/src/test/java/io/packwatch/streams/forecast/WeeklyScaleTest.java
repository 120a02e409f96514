package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.DAY;
import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;
import static io.packwatch.streams.forecast.SyntheticSeries.MINUTE;
import static io.packwatch.streams.forecast.SyntheticSeries.START;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * The weekly profile scaled to the last week: three weeks of weekdays at {@link #WEEKDAY} and weekends at 30 % of it,
 * then, from a Monday on, every rate multiplied by a factor. The profile's medians stay at the first weeks' rates
 * (six weekdays and two weekend days after the change are the minority of the 28 retained days); the projection
 * follows the last week through the scale, bounded to 0.25-4.
 */
class WeeklyScaleTest {
    private static final ForecastSettings SETTINGS = ForecastSettings.defaults();
    private static final double WEEKDAY = 1_000_000;
    /** Monday 2025-11-24, 00:00 Beijing time. */
    private static final long CHANGE = START + 22 * DAY + 16 * HOUR;
    /** Monday 2025-12-01, 08:00 Beijing time: the last week of hourly buckets is all after the change. */
    private static final long NOW = START + 30 * DAY;

    private static SyntheticSeries series(double factor, double capacityInWeekdayHours) {
        return new SyntheticSeries((long) (capacityInWeekdayHours * WEEKDAY), 60 * DAY, FullTimeClock.INSTANCE,
                t -> (WeeklyProfile.isWeekend(t) ? 0.3 * WEEKDAY : WEEKDAY) * (t < CHANGE ? 1 : factor));
    }

    private static Forecast forecastAtNow(SyntheticSeries s) {
        PackageHistory h = new PackageHistory();
        Forecaster forecaster = new Forecaster(SETTINGS);
        Forecast f = null;
        for (long t : s.pollTimes(30 * MINUTE, 0, NOW, 1)) {
            h.offer(s.observe(t), SETTINGS);
            f = forecaster.forecast(h, s.observe(t));
        }
        assertThat(WeeklyProfile.isWeekend(NOW)).isFalse();
        assertThat(f.weekly()).as("%s, segment %d", f, h.segmentId()).isTrue();
        return f;
    }

    @Test
    void aWeekAtTwiceTheProfilesRatesProjectsAtTwiceThem() {
        SyntheticSeries s = series(2, 1_500);
        Forecast f = forecastAtNow(s);

        assertThat(f.ratePerHour()).isCloseTo(2 * WEEKDAY, Percentage.withPercentage(2));
        double left = s.trueDepletionAt - NOW;
        assertThat(Math.abs(f.depletionAt() - s.trueDepletionAt) / left).isLessThan(0.02);
        assertThat(f.hasBracket()).isTrue();
        assertThat(f.depletionEarliestAt()).isLessThan(f.depletionAt());
        assertThat(f.depletionLatestAt()).isGreaterThan(f.depletionAt());
    }

    @Test
    void theScaleIsBoundedToAQuarterAndFourTimes() {
        assertThat(forecastAtNow(series(10, 5_000)).ratePerHour()).isCloseTo(4 * WEEKDAY, Percentage.withPercentage(2));
        assertThat(forecastAtNow(series(0.1, 1_500)).ratePerHour()).isCloseTo(0.25 * WEEKDAY, Percentage.withPercentage(2));
    }
}
