package io.packwatch.streams.forecast;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a Prometheus user would write: {@code predict_linear(used[6h], ...)} — an ordinary least-squares line over
 * the raw samples of the last window (no segments, no drawable hours), extrapolated to the capacity.
 */
public final class PredictLinearBaseline {

    private final long window;
    private final Deque<Point> samples = new ArrayDeque<>();

    public PredictLinearBaseline(long window) {
        this.window = window;
    }

    public void add(long at, long used) {
        samples.addLast(new Point(at, used));
        while (samples.peekFirst().at() < at - window) {
            samples.removeFirst();
        }
    }

    /** Slope per hour over the window; NaN with fewer than 2 samples. */
    double slopePerHour() {
        return fit()[0];
    }

    /** [slope per hour, value of the line at the latest sample]. */
    private double[] fit() {
        int n = samples.size();
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double t0 = samples.peekFirst().at();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Point p : samples) {
            double x = (p.at() - t0) / 3_600_000d;
            sx += x;
            sy += p.used();
            sxx += x * x;
            sxy += x * p.used();
        }
        double den = n * sxx - sx * sx;
        if (den == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double slope = (n * sxy - sx * sy) / den;
        double intercept = (sy - slope * sx) / n;
        double xNow = (samples.peekLast().at() - t0) / 3_600_000d;
        return new double[] {slope, intercept + slope * xNow};
    }

    /** Projected depletion instant from the fitted line, NONE when the slope is not positive. */
    public long depletionAt(long capacity) {
        double[] fit = fit();
        double slope = fit[0];
        if (!(slope > 0)) {
            return Observation.NONE;
        }
        // predict_linear extrapolates the fitted line (not the last sample) from "now"
        return samples.peekLast().at() + Math.round((capacity - fit[1]) / slope * 3_600_000d);
    }
}
