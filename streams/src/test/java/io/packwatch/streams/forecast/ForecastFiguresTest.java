package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.DAY;
import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;
import static io.packwatch.streams.forecast.SyntheticSeries.MINUTE;
import static io.packwatch.streams.forecast.SyntheticSeries.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forecast figures checked against values worked out by hand: confidence, the diurnal model, a new segment's rate. */
class ForecastFiguresTest {

    private static final ForecastSettings SETTINGS = ForecastSettings.defaults();
    private static final long CAPACITY = 1_000_000;
    private static final long EXPIRY = START + 60 * DAY;

    private static Forecast feed(PackageHistory h, long[] hours, long[] used) {
        Forecast f = null;
        for (int i = 0; i < hours.length; i++) {
            Observation o = Observation.fullTime(START + hours[i] * HOUR, "p", CAPACITY, used[i], EXPIRY);
            h.offer(o, SETTINGS);
            f = new Forecaster(SETTINGS).forecast(h, o);
        }
        return f;
    }

    /**
     * Four samples 6 h apart, used 0, 2, 2, 4 (the hand-computed fit of {@link LeastSquaresFormulasTest}: slope 0.2
     * per hour, R^2 0.9). Confidence = min(1, 4 / (3 * 3 min-samples)) * (0.5 + 0.5 * min(1, 18 h / 36 h window))
     * * R^2 = 4/9 * 3/4 * 0.9 = 0.3.
     */
    @Test
    void confidenceOfARegressionIsSamplesTimesCoverageTimesRSquared() {
        Forecast f = feed(new PackageHistory(), new long[] {0, 6, 12, 18}, new long[] {0, 2, 2, 4});

        assertThat(f.method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(f.slopeRatePerHour()).isCloseTo(0.2, within(1e-9));
        assertThat(f.confidence()).isCloseTo(0.3, within(1e-9));
    }

    /** Ten samples (samples factor capped at 1) over 18 h of an exact line: 1 * (0.5 + 0.5 * 0.5) * 1 = 0.75. */
    @Test
    void theSamplesFactorIsCappedAtOne() {
        long[] hours = new long[10];
        long[] used = new long[10];
        for (int i = 0; i < 10; i++) {
            hours[i] = 2L * i;
            used[i] = 2_000L * i;
        }
        Forecast f = feed(new PackageHistory(), hours, used);

        assertThat(f.method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(f.confidence()).isCloseTo(0.75, within(1e-9));
    }

    /**
     * Four daily samples: the segment spans 72 h (coverage capped at 1) but only two fall in the 36 h slope window,
     * so there is no regression and the EWMA projects, with the fixed quality 0.6: 4/9 * 1 * 0.6 = 0.2667.
     */
    @Test
    void anEwmaForecastHasTheFixedQualityAndCoverageIsCappedAtOne() {
        Forecast f = feed(new PackageHistory(), new long[] {0, 24, 48, 72}, new long[] {0, 240, 480, 720});

        assertThat(f.method()).isEqualTo(Method.EWMA);
        assertThat(f.ratePerHour()).isCloseTo(10, within(1e-9));
        assertThat(f.confidence()).isCloseTo(4d / 9 * 0.6, within(1e-9));
    }

    /**
     * A day/night usage curve (mean 5,000 per hour, peak 1.8x at 12:00Z, trough 0.2x at 00:00Z) is exactly a line plus
     * one daily harmonic: polled every hour at :20 for 67 hours, the regression over the 36 h window must return the mean
     * rate, where a straight line over 36 h (a day and a half of the curve, starting at 06:20Z) is pulled off by the
     * half day extra.
     */
    @Test
    void theDayNightModelReturnsTheMeanRateOfADiurnalSeries() {
        double mean = 5_000;
        double omega = 2 * Math.PI / 24;
        PackageHistory h = new PackageHistory();
        Forecaster forecaster = new Forecaster(SETTINGS);
        Forecast f = null;
        long capacity = 100_000_000;
        for (int i = 0; i < 67; i++) {
            long at = START + i * HOUR + 20 * MINUTE;
            double hours = (at - START) / (double) HOUR;
            // integral of mean * (1 + 0.8 cos(omega (t - 12))) from 0
            double used = mean * hours + 0.8 * mean / omega * (Math.sin(omega * (hours - 12)) - Math.sin(-omega * 12));
            Observation o = Observation.fullTime(at, "p", capacity, Math.round(used), START + 90 * DAY);
            h.offer(o, SETTINGS);
            f = forecaster.forecast(h, o);
        }

        assertThat(f.method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(f.slopeRatePerHour()).isCloseTo(mean, within(mean * 0.001));
        List<Point> points = h.slopePoints(SETTINGS.slopeWindow().toMillis());
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (points.get(i).at() - h.segmentStartedAt()) / (double) HOUR;
            y[i] = points.get(i).used();
        }
        // the same points without the harmonic: the straight line misses the mean by more than 2%
        double straight = LeastSquares.fit(x, new double[x.length], y, false).slope();
        assertThat(Math.abs(straight - mean)).isGreaterThan(mean * 0.02);
    }

    /**
     * After a new cycle the forecast comes from the new segment alone: 200 per hour before, 50 per hour after. Kept
     * pre-reset samples would pull the slope (and the drop-reference median) towards the old cycle.
     */
    @Test
    void aNewSegmentForgetsTheSamplesBeforeIt() {
        PackageHistory h = new PackageHistory();
        for (int i = 0; i < 20; i++) {
            h.offer(Observation.fullTime(START + i * HOUR, "p", CAPACITY, 500_000 + 200L * i, EXPIRY), SETTINGS);
        }
        long cycleStart = START + 20 * HOUR;
        Forecast f = null;
        for (int i = 0; i < 5; i++) {
            Observation o = new Observation(cycleStart + i * HOUR, "p", CAPACITY, 50L * i, cycleStart,
                    cycleStart + 30 * DAY, EXPIRY, FullTimeClock.INSTANCE);
            h.offer(o, SETTINGS);
            f = new Forecaster(SETTINGS).forecast(h, o);
        }

        assertThat(h.segmentId()).isEqualTo(1);
        assertThat(h.recentSamples()).hasSize(5).allMatch(p -> p.at() >= cycleStart);
        assertThat(h.hourlyBuckets()).hasSize(5);
        assertThat(f.slopeRatePerHour()).isCloseTo(50, within(1e-9));
        assertThat(f.ratePerHour()).isCloseTo(50, within(1e-9));
        assertThat(f.depletionAt()).isEqualTo(cycleStart + 4 * HOUR + (CAPACITY - 200) * HOUR / 50);
    }

    /**
     * The harmonic is fitted once the points span a full day and number at least eight: exactly 24 h of hourly polls
     * (25 points), and eight polls 4 h apart (28 h), both return the mean rate of the diurnal curve exactly; a
     * straight line over them would be off by a large share of the curve's amplitude.
     */
    @Test
    void theHarmonicStartsAtOneDayAndEightPoints() {
        assertThat(slopeOfDiurnal(25, HOUR)).isCloseTo(DIURNAL_MEAN, within(DIURNAL_MEAN * 0.001));
        assertThat(slopeOfDiurnal(8, 4 * HOUR)).isCloseTo(DIURNAL_MEAN, within(DIURNAL_MEAN * 0.001));
    }

    private static final double DIURNAL_MEAN = 5_000;

    private static double slopeOfDiurnal(int polls, long every) {
        double omega = 2 * Math.PI / 24;
        PackageHistory h = new PackageHistory();
        Forecast f = null;
        for (int i = 0; i < polls; i++) {
            long at = START + i * every;
            double hours = (at - START) / (double) HOUR;
            double used = DIURNAL_MEAN * hours
                    + 0.8 * DIURNAL_MEAN / omega * (Math.sin(omega * (hours - 12)) - Math.sin(-omega * 12));
            Observation o = Observation.fullTime(at, "p", 100_000_000, Math.round(used), START + 90 * DAY);
            h.offer(o, SETTINGS);
            f = new Forecaster(SETTINGS).forecast(h, o);
        }
        return f.slopeRatePerHour();
    }
}
