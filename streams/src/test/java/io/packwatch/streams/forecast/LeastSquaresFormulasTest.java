package io.packwatch.streams.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The regression's figures on series small enough to compute by hand (residual scales below one unit, so the Huber
 * loop stops after the plain least-squares pass and the expected values are the textbook ones), and the daily
 * harmonic on an exactly diurnal series.
 */
class LeastSquaresFormulasTest {

    private static final double EXACT = 1e-9;

    private static double[] zeros(int n) {
        return new double[n];
    }

    /**
     * x = 0..3, y = 0, 2, 2, 4: slope Sxy/Sxx = 6/5, intercept 0.2, residuals -0.2, 0.6, -0.6, 0.2, SSres 0.8 and
     * SStot 8, so R^2 = 0.9. The residuals alternate (lag-1 autocorrelation negative, floored at 0), so the slope's
     * variance is SSres/(n-2) * [(X'X)^-1]_11 = 0.4 * 4/20 = 0.08.
     */
    @Test
    void slopeRSquaredAndStandardErrorOfAHandComputedFit() {
        LeastSquares.Fit fit = LeastSquares.fit(new double[] {0, 1, 2, 3}, zeros(4), new double[] {0, 2, 2, 4}, false);

        assertThat(fit.slope()).isCloseTo(1.2, within(EXACT));
        assertThat(fit.rSquared()).isCloseTo(0.9, within(EXACT));
        assertThat(fit.slopeStdError()).isCloseTo(Math.sqrt(0.08), within(EXACT));
        assertThat(fit.points()).isEqualTo(4);
        assertThat(fit.harmonic()).isFalse();
    }

    /**
     * x = 0..5, y = 0, 0, 0, 1, 2, 3: slope 22/35, R^2 = 121/140, residuals 20, -2, -24, -11, 2, 15 (/35): SSres
     * 38/35, variance 38/35 / 4 * 6/105 = 19/1225, lag-1 autocorrelation 280/1330 = 4/19, so the error is inflated by
     * (1 + 4/19) / (1 - 4/19) = 23/15.
     */
    @Test
    void autocorrelatedResidualsInflateTheStandardError() {
        LeastSquares.Fit fit = LeastSquares.fit(new double[] {0, 1, 2, 3, 4, 5}, zeros(6),
                new double[] {0, 0, 0, 1, 2, 3}, false);

        assertThat(fit.slope()).isCloseTo(22d / 35, within(EXACT));
        assertThat(fit.rSquared()).isCloseTo(121d / 140, within(EXACT));
        assertThat(fit.slopeStdError()).isCloseTo(Math.sqrt(19d / 1225 * 23 / 15), within(EXACT));
    }

    /** A flat series has nothing left to explain: R^2 is 1, not 0/0. */
    @Test
    void aFlatSeriesFitsPerfectly() {
        LeastSquares.Fit fit = LeastSquares.fit(new double[] {0, 1, 2, 3}, zeros(4), new double[] {7, 7, 7, 7}, false);

        assertThat(fit.slope()).isZero();
        assertThat(fit.rSquared()).isEqualTo(1.0);
        assertThat(fit.slopeStdError()).isZero();
    }

    @Test
    void tooFewPointsForTheModelDetermineNoSlope() {
        assertThat(LeastSquares.fit(new double[] {0, 1}, zeros(2), new double[] {0, 1}, false)).isNull();
        assertThat(LeastSquares.fit(new double[] {0, 1, 2}, zeros(3), new double[] {0, 1, 2}, false)).isNotNull();
        // with the harmonic the model has four parameters: four points are not enough, five are
        double[] wall = {1, 7, 13, 19, 2};
        assertThat(LeastSquares.fit(new double[] {0, 6, 12, 18}, new double[] {1, 7, 13, 19}, new double[] {0, 1, 2, 3}, true))
                .isNull();
        assertThat(LeastSquares.fit(new double[] {0, 6, 12, 18, 25}, wall, new double[] {0, 1, 2, 3, 4}, true)).isNotNull();
    }

    /**
     * used(h) = 50 h + 3000 sin(2 pi h / 24) + 2000 cos(2 pi h / 24), sampled every 50 minutes over 37 hours (not a whole
     * number of days, so the curve tilts a straight line): with the harmonic the fit recovers the slope 50 exactly
     * and explains everything; without it, the slope is off. The wall-clock hour goes from 9:10 over midnight, so the
     * angle must wrap at 24 h.
     */
    @Test
    void theDailyHarmonicRecoversTheTrendOfAnExactlyDiurnalSeries() {
        int n = 45;
        double[] x = new double[n];
        double[] wall = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double hours = i * 50 / 60d;
            double wallHours = 9 + 1 / 6d + hours;
            x[i] = hours;
            wall[i] = wallHours % 24;
            double angle = 2 * Math.PI * wallHours / 24;
            y[i] = 10_000 + 50 * hours + 3_000 * Math.sin(angle) + 2_000 * Math.cos(angle);
        }

        LeastSquares.Fit harmonic = LeastSquares.fit(x, wall, y, true);
        LeastSquares.Fit straight = LeastSquares.fit(x, wall, y, false);

        assertThat(harmonic.harmonic()).isTrue();
        assertThat(harmonic.slope()).isCloseTo(50, within(1e-6));
        assertThat(harmonic.rSquared()).isCloseTo(1, within(EXACT));
        assertThat(harmonic.slopeStdError()).isCloseTo(0, within(1e-6));
        // the same data without the harmonic: a visibly tilted slope and unexplained variance
        assertThat(Math.abs(straight.slope() - 50)).isGreaterThan(1);
        assertThat(straight.rSquared()).isLessThan(0.999);
    }

    /** Wall hours at or beyond 24 are the same time of day: the angle is taken modulo a day. */
    @Test
    void wallHoursAreTakenModuloADay() {
        double[] x = {0, 5, 10, 15, 20, 25, 30, 35};
        double[] wall = new double[x.length];
        double[] shifted = new double[x.length];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wall[i] = (3 + x[i]) % 24;
            shifted[i] = wall[i] + 48;
            y[i] = 10 * x[i] + 40 * Math.sin(2 * Math.PI * wall[i] / 24);
        }
        LeastSquares.Fit base = LeastSquares.fit(x, wall, y, true);
        LeastSquares.Fit later = LeastSquares.fit(x, shifted, y, true);

        assertThat(base.slope()).isCloseTo(10, within(1e-6));
        assertThat(later.slope()).isCloseTo(base.slope(), within(1e-6));
        assertThat(later.rSquared()).isCloseTo(base.rSquared(), within(EXACT));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(LeastSquares.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(LeastSquares.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    /** The figures do not depend on where the counter stands: the same series 1,000 units higher. */
    @Test
    void theFiguresAreTheSameAtAnyLevel() {
        LeastSquares.Fit fit = LeastSquares.fit(new double[] {0, 1, 2, 3}, zeros(4),
                new double[] {1_000, 1_002, 1_002, 1_004}, false);

        assertThat(fit.slope()).isCloseTo(1.2, within(EXACT));
        assertThat(fit.rSquared()).isCloseTo(0.9, within(EXACT));
        assertThat(fit.slopeStdError()).isCloseTo(Math.sqrt(0.08), within(EXACT));
    }
}
