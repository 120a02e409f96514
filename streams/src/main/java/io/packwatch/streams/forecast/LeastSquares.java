package io.packwatch.streams.forecast;

/**
 * Ordinary least squares of used amount against drawable hours, optionally with one daily harmonic
 * (sin/cos of wall-clock time of day) so a diurnal usage curve does not tilt the slope.
 *
 * <p>Hand-written on purpose: the model has at most four parameters, so a 4x4 normal-equation solve is a few lines,
 * while the usual library (Apache Commons Math) is not a dependency of this module and would be pulled in for this
 * alone. A plain slope over one full day of a sine-shaped curve is off by about 30% of the curve's amplitude; the
 * harmonic terms remove that bias exactly for the fundamental.
 */
public final class LeastSquares {

    private static final double DAY_HOURS = 24d;

    private LeastSquares() {
    }

    /** Result: slope in units per drawable hour, R^2 of the fit in [0,1], points used. */
    public record Fit(double slope, double rSquared, int points, boolean harmonic) {
    }

    /**
     * @param x         drawable hours (the regressor whose coefficient is the rate)
     * @param wallHours wall-clock hours since epoch, for the daily harmonic
     * @param y         used amounts
     * @param harmonic  whether to add the daily sin/cos terms
     * @return the fit, or null when the points do not determine a slope
     */
    public static Fit fit(double[] x, double[] wallHours, double[] y, boolean harmonic) {
        int n = x.length;
        int p = harmonic ? 4 : 2;
        if (n < p + 1) {
            return null;
        }
        double x0 = x[0];
        double y0 = y[0];
        double[][] a = new double[p][p + 1];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            fillRow(row, x[i] - x0, wallHours[i], harmonic);
            double yi = y[i] - y0;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][p] += row[r] * yi;
            }
        }
        double[] beta = solve(a, p);
        if (beta == null) {
            return null;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[i] - y0;
        }
        mean /= n;
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            fillRow(row, x[i] - x0, wallHours[i], harmonic);
            double predicted = 0;
            for (int c = 0; c < p; c++) {
                predicted += beta[c] * row[c];
            }
            double yi = y[i] - y0;
            ssRes += (yi - predicted) * (yi - predicted);
            ssTot += (yi - mean) * (yi - mean);
        }
        double r2 = ssTot <= 0 ? 1 : Math.max(0, Math.min(1, 1 - ssRes / ssTot));
        return new Fit(beta[1], r2, n, harmonic);
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

    /** Gaussian elimination with partial pivoting on the augmented matrix; null when singular. */
    private static double[] solve(double[][] a, int p) {
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
