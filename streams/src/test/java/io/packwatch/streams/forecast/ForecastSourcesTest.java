package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;
import static io.packwatch.streams.forecast.SyntheticSeries.MINUTE;
import static io.packwatch.streams.forecast.SyntheticSeries.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a forecast is computed from: raw samples or hourly buckets for the regression, the method on a history that
 * draws nothing, and a young segment's bracket, which has no longer run to widen it and stays closed.
 */
class ForecastSourcesTest {
    private static final ForecastSettings SETTINGS = ForecastSettings.defaults();
    private static final long CAPACITY = 1_000_000;
    private static final long EXPIRY = START + 365 * 24 * HOUR;

    /** A history of {@code count} samples {@code interval} apart from START, drawing {@code perSample} each. */
    private static PackageHistory history(int count, long interval, long perSample, List<Point> offered) {
        PackageHistory h = new PackageHistory();
        for (int i = 0; i < count; i++) {
            Observation o = Observation.fullTime(START + i * interval, "p", CAPACITY, 1_000 + i * perSample, EXPIRY);
            h.offer(o, SETTINGS);
            offered.add(new Point(o.observedAt(), o.used()));
        }
        return h;
    }

    /**
     * Polled every 30 minutes, the 32 recent samples span 15.5 h: a window of exactly that is covered by them, so the
     * regression runs on the raw samples; a millisecond more is not, and it runs on the 16 hourly buckets.
     */
    @Test
    void rawSamplesWhileTheyCoverTheWholeWindow() {
        List<Point> offered = new ArrayList<>();
        PackageHistory h = history(SETTINGS.recentSamples(), 30 * MINUTE, 50, offered);
        long span = offered.get(offered.size() - 1).at() - offered.get(0).at();
        assertThat(span).isEqualTo(31 * 30 * MINUTE);

        assertThat(h.slopePoints(span)).containsExactlyElementsOf(offered);
        assertThat(h.slopePoints(span + 1)).hasSize(16).isEqualTo(h.hourlyBuckets());
    }

    /**
     * Polled every 10 minutes, a young segment's regression runs on the recent samples until there are six hourly
     * buckets, then on the buckets.
     */
    @Test
    void hourlyBucketsFromSixOn() {
        PackageHistory sixHours = history(36, 10 * MINUTE, 10, new ArrayList<>());
        assertThat(sixHours.hourlyBuckets()).hasSize(6);
        assertThat(sixHours.slopePoints(SETTINGS.slopeWindow().toMillis())).isEqualTo(sixHours.hourlyBuckets());

        List<Point> offered = new ArrayList<>();
        PackageHistory fiveHours = history(30, 10 * MINUTE, 10, offered);
        assertThat(fiveHours.hourlyBuckets()).hasSize(5);
        assertThat(fiveHours.slopePoints(SETTINGS.slopeWindow().toMillis())).containsExactlyElementsOf(offered);
    }

    /** Nothing drawn for half a day: an exactly flat slope is no slope; the EWMA says zero, and nothing runs out. */
    @Test
    void aHistoryThatDrawsNothingIsForecastByItsEwma() {
        PackageHistory h = history(13, HOUR, 0, new ArrayList<>());
        Forecast f = new Forecaster(SETTINGS).forecast(h, Observation.fullTime(START + 12 * HOUR, "p", CAPACITY, 1_000, EXPIRY));

        assertThat(f.slopeRatePerHour()).isZero();
        assertThat(f.method()).isEqualTo(Method.EWMA);
        assertThat(f.ratePerHour()).isZero();
        assertThat(f.hasDepletion()).isFalse();
    }

    /**
     * Half an hour (one hourly bucket, EWMA) and eleven hours (least squares, buckets spanning less than the 36 h
     * slope window) are too young for a longer-run rate: the bracket is the rate's spread alone, closed at both ends.
     */
    @Test
    void aYoungSegmentsBracketIsClosed() {
        PackageHistory halfAnHour = history(7, 5 * MINUTE, 100, new ArrayList<>());
        Forecast ewma = new Forecaster(SETTINGS).forecast(halfAnHour,
                Observation.fullTime(START + 30 * MINUTE, "p", CAPACITY, 1_600, EXPIRY));
        assertThat(ewma.method()).isEqualTo(Method.EWMA);
        assertThat(ewma.hasBracket()).isTrue();
        assertThat(ewma.depletionLatestAt()).isGreaterThan(ewma.depletionAt());

        PackageHistory elevenHours = history(12, HOUR, 1_000, new ArrayList<>());
        Forecast slope = new Forecaster(SETTINGS).forecast(elevenHours,
                Observation.fullTime(START + 11 * HOUR, "p", CAPACITY, 12_000, EXPIRY));
        assertThat(slope.method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(slope.hasBracket()).isTrue();
        assertThat(slope.depletionLatestAt()).isGreaterThan(slope.depletionAt());
    }

    /**
     * Samples every 12 h at 00:00 and 12:00 UTC under a week-long slope window: the daily harmonic cannot be solved
     * (its sine column is zero at both times of day), so the slope comes from the straight line over the same points.
     */
    @Test
    void whereTheDailyHarmonicCannotBeSolvedTheStraightLineGivesTheSlope() {
        ForecastSettings weekWindow = ForecastSettings.from(java.util.Map.of(ForecastSettings.PREFIX + "slope-window", "P7D"));
        PackageHistory h = new PackageHistory();
        Observation latest = null;
        double[] x = new double[9];
        double[] wall = new double[9];
        double[] y = new double[9];
        for (int i = 0; i < 9; i++) {
            latest = Observation.fullTime(START + i * 12 * HOUR, "p", CAPACITY, 1_000 + i * 1_200L, EXPIRY);
            h.offer(latest, weekWindow);
            x[i] = 12 * i;
            wall[i] = i % 2 == 0 ? 0 : 12;
            y[i] = 1_000 + i * 1_200;
        }
        assertThat(LeastSquares.fit(x, wall, y, true)).as("the harmonic system is singular").isNull();

        Forecast f = new Forecaster(weekWindow).forecast(h, latest);

        assertThat(f.method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(f.slopeRatePerHour()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
    }
}
