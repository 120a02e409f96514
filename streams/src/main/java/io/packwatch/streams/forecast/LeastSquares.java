package io.packwatch.streams.forecast;

import java.util.Arrays;

/**
 * Regression of used amount against drawable hours, optionally with one daily harmonic (sin/cos of wall-clock time
 * of day) so a diurnal usage curve does not tilt the slope, fitted robustly: a Huber M-estimate by iteratively
 * reweighted least squares, with the residual scale from the median absolute deviation.
 *
 * <p>Why Huber: the noise on vendor counters is measurement noise on the level (rounding, replicas, late-posted
 * usage, a stale repeat, an occasional glitch), mostly small with a heavy tail. Plain least squares is efficient on
 * the small part and dragged by the tail; Huber weights keep least squares' efficiency inside 1.345 scale units and
 * bound the pull of the rest, and unlike Theil-Sen they keep the harmonic terms in the same fit. Isotonic regression
 * would only remove decreases, not upward glitches, and would still need a slope after it.
 *
 * <p>Hand-written on purpose: the model has at most four parameters, so a 4x4 normal-equation solve is a few lines,
 * while the usual library (Apache Commons Math) is not a dependency of this module and would be pulled in for this
 * alone. A plain slope over one full day of a sine-shaped curve is off by about 30% of the curve's amplitude; the
 * harmonic terms remove that bias exactly for the fundamental.
 */
public final class LeastSquares {

    private static final double DAY_HOURS = 24d;
    /** Huber's tuning constant: 95% efficiency under Gaussian noise. */
    private static final double HUBER_K = 1.345;
    private static final int HUBER_ITERATIONS = 4;
    private static final double WEIGHT_TOLERANCE = 1e-3;
    private static final double MIN_SCALE = 1;
    /** MAD to standard deviation under Gaussian noise. */
    private static final double MAD_SCALE = 1.4826;
    /** Residual lag-1 autocorrelation is capped here when it inflates the slope's error. */
    private static final double MAX_RHO = 0.9;

    private LeastSquares() {
    }

    /**
     * Result: slope in units per drawable hour, R^2 of the fit in [0,1], points used, and the slope's standard error
     * (inflated by (1+rho)/(1-rho) for the lag-1 autocorrelation rho of the residuals, which a cumulative counter
     * always has).
     */
    public record Fit(double slope, double rSquared, int points, boolean harmonic, double slopeStdError) {
    }

    /** Huber fit; null when the points do not determine a slope. */
    public static Fit fit(double[] x, double[] wallHours, double[] y, boolean harmonic) {
        int n = x.length;
        double[] weights = new double[n];
        Arrays.fill(weights, 1);
        double[] residuals = new double[n];
        double[] scratch = new double[n];
        Fit fit = weighted(x, wallHours, y, weights, harmonic, residuals);
        for (int iteration = 1; fit != null && iteration < HUBER_ITERATIONS; iteration++) {
            double scale = MAD_SCALE * medianAbsDeviation(residuals, scratch);
            if (scale < MIN_SCALE) {
                // amounts are whole units: residuals below one unit are rounding, the fit is already exact
                break;
            }
            double k = HUBER_K * scale;
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                double r = Math.abs(residuals[i]);
                double w = r <= k ? 1 : k / r;
                changed |= Math.abs(w - weights[i]) > WEIGHT_TOLERANCE;
                weights[i] = w;
            }
            if (!changed) {
                // the fit already has these weights (on clean data: every point inside k, plain least squares)
                break;
            }
            fit = weighted(x, wallHours, y, weights, harmonic, residuals);
        }
        return fit;
    }

    private static Fit weighted(double[] x, double[] wallHours, double[] y, double[] w, boolean harmonic,
                                double[] residuals) {
        int n = x.length;
        int p = harmonic ? 4 : 2;
        if (n < p + 1) {
            return null;
        }
        double x0 = x[0];
        double y0 = y[0];
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            fillRow(row, x[i] - x0, wallHours[i], harmonic);
            double yi = y[i] - y0;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += w[i] * row[r] * row[c];
                }
                b[r] += w[i] * row[r] * yi;
            }
        }
        double[] beta = solve(a, b, p);
        double[] unitSlope = new double[p];
        unitSlope[1] = 1;
        double[] inverseColumn = solve(a, unitSlope, p);
        if (beta == null || inverseColumn == null) {
            return null;
        }
        double wSum = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            wSum += w[i];
            mean += w[i] * (y[i] - y0);
        }
        mean /= wSum;
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            fillRow(row, x[i] - x0, wallHours[i], harmonic);
            double predicted = 0;
            for (int c = 0; c < p; c++) {
                predicted += beta[c] * row[c];
            }
            double yi = y[i] - y0;
            residuals[i] = yi - predicted;
            ssRes += w[i] * residuals[i] * residuals[i];
            ssTot += w[i] * (yi - mean) * (yi - mean);
        }
        double r2 = ssTot <= 0 ? 1 : Math.max(0, Math.min(1, 1 - ssRes / ssTot));
        double variance = ssRes / (wSum * (n - p) / n) * Math.max(0, inverseColumn[1]);
        double rho = lag1Autocorrelation(residuals);
        double stdError = Math.sqrt(variance * (1 + rho) / (1 - rho));
        return new Fit(beta[1], r2, n, harmonic, stdError);
    }

    private static double lag1Autocorrelation(double[] r) {
        double num = 0;
        double den = r[0] * r[0];
        for (int i = 1; i < r.length; i++) {
            num += r[i] * r[i - 1];
            den += r[i] * r[i];
        }
        return den <= 0 ? 0 : Math.max(0, Math.min(MAX_RHO, num / den));
    }

    private static double medianAbsDeviation(double[] values, double[] scratch) {
        int n = values.length;
        System.arraycopy(values, 0, scratch, 0, n);
        double median = median(scratch);
        for (int i = 0; i < n; i++) {
            scratch[i] = Math.abs(values[i] - median);
        }
        return median(scratch);
    }

    /** Median of the array's values; reorders the array. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static void fillRow(double[] row, double x, double wallHours, boolean harmonic) {
        row[0] = 1;
        row[1] = x;
        if (harmonic) {
            double angle = 2 * Math.PI * (wallHours % DAY_HOURS) / DAY_HOURS;
            row[2] = Math.sin(angle);
            row[3] = Math.cos(angle);
        }
    }

    /** Gaussian elimination with partial pivoting of a copy of (a | b); null when singular. */
    private static double[] solve(double[][] matrix, double[] rhs, int p) {
        double[][] a = new double[p][p + 1];
        for (int r = 0; r < p; r++) {
            System.arraycopy(matrix[r], 0, a[r], 0, p);
            a[r][p] = rhs[r];
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double scale = Math.abs(a[col][col]) + Math.abs(a[pivot][col]);
            if (Math.abs(a[pivot][col]) < 1e-12 * Math.max(1, scale)) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = col + 1; r < p; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= p; c++) {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
        double[] beta = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = a[r][p];
            for (int c = r + 1; c < p; c++) {
                s -= a[r][c] * beta[c];
            }
            beta[r] = s / a[r][r];
        }
        for (double b : beta) {
            if (!Double.isFinite(b)) {
                return null;
            }
        }
        return beta;
    }
}
