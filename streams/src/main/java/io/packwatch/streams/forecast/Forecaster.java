package io.packwatch.streams.forecast;

import java.util.List;

/**
 * Turns a package history into rates and a depletion projection.
 *
 * <p>Estimator choice: the least-squares slope when its points span at least {@code slopeMinSpan} (with a daily
 * harmonic once they span a day, which cancels diurnal curves), else the EWMA, which is the better guess on a
 * young segment. A non-positive slope falls back to the EWMA too. Projections count drawable hours only.
 */
public final class Forecaster {

    private static final double HOUR_MS = 3_600_000d;
    private static final long DAY_MS = 86_400_000L;

    private final ForecastSettings settings;

    public Forecaster(ForecastSettings settings) {
        this.settings = settings;
    }

    public Forecast forecast(PackageHistory history, Observation latest) {
        double percentUsed = latest.capacity() <= 0 ? 0 : 100d * latest.used() / latest.capacity();
        long timeToExpiry = latest.hasExpiry() ? latest.expiresAt() - latest.observedAt() : Observation.NONE;
        DrawableClock clock = latest.clock();
        double ewma = history.ewmaRate();
        LeastSquares.Fit fit = slope(history, clock);
        // a harmonic fit can tilt slightly negative on a flat segment; consumption is never negative
        double slope = fit == null ? Double.NaN : Math.max(0, fit.slope());

        long segmentSpan = latest.observedAt() - history.segmentStartedAt();
        boolean enoughHistory = history.sampleCount() >= settings.minSamples()
                && segmentSpan >= settings.minSpan().toMillis();
        Method method = Method.NONE;
        double rate = Double.NaN;
        if (enoughHistory) {
            List<Point> points = history.slopePoints(settings.slopeWindow().toMillis());
            long slopeSpan = points.isEmpty() ? 0 : points.get(points.size() - 1).at() - points.get(0).at();
            if (fit != null && fit.slope() >= 0 && slopeSpan >= settings.slopeMinSpan().toMillis()) {
                method = Method.LEAST_SQUARES;
                rate = slope;
            } else if (!Double.isNaN(ewma)) {
                method = Method.EWMA;
                rate = Math.max(0, ewma);
            }
        }
        if (method == Method.NONE) {
            return new Forecast(ewma, slope, Method.NONE, Double.NaN, Observation.NONE, -1, timeToExpiry,
                    percentUsed, history.sampleCount(), 0);
        }
        long remaining = latest.remaining();
        long horizon = settings.projectionHorizon().toMillis();
        long depletionAt;
        if (remaining <= 0) {
            depletionAt = latest.observedAt();
        } else if (rate <= 0) {
            depletionAt = Observation.NONE;
        } else {
            long at = clock.instantAfter(latest.observedAt(), remaining / rate, horizon);
            depletionAt = at < 0 ? Observation.NONE : at;
        }
        long waste = -1;
        if (latest.hasExpiry()) {
            double drawableLeft = clock.drawableHours(latest.observedAt(), latest.expiresAt());
            waste = Math.max(0, Math.round(remaining - rate * drawableLeft));
        }
        return new Forecast(ewma, slope, method, rate, depletionAt, waste, timeToExpiry, percentUsed,
                history.sampleCount(), confidence(history, fit, method, segmentSpan));
    }

    private LeastSquares.Fit slope(PackageHistory history, DrawableClock clock) {
        List<Point> points = history.slopePoints(settings.slopeWindow().toMillis());
        if (points.size() < 3) {
            return null;
        }
        long origin = history.segmentStartedAt();
        double[] x = new double[points.size()];
        double[] wall = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            x[i] = clock.drawableHours(origin, p.at());
            wall[i] = Math.floorMod(p.at(), DAY_MS) / HOUR_MS;
            y[i] = p.used();
        }
        long span = points.get(points.size() - 1).at() - points.get(0).at();
        boolean harmonic = span >= DAY_MS && points.size() >= 8;
        LeastSquares.Fit fit = LeastSquares.fit(x, wall, y, harmonic);
        return fit == null && harmonic ? LeastSquares.fit(x, wall, y, false) : fit;
    }

    /**
     * Confidence in [0,1]: grows with samples (full at 3x the minimum), with the span covered relative to the slope
     * window, and with the fit quality (R^2 for the slope; the EWMA is capped at 0.6 because it has no fit measure).
     */
    private double confidence(PackageHistory history, LeastSquares.Fit fit, Method method, long segmentSpan) {
        double samples = Math.min(1, history.sampleCount() / (3d * settings.minSamples()));
        double coverage = Math.min(1, segmentSpan / (double) settings.slopeWindow().toMillis());
        double quality = method == Method.LEAST_SQUARES && fit != null ? fit.rSquared() : 0.6;
        return Math.max(0, Math.min(1, samples * (0.5 + 0.5 * coverage) * quality));
    }
}
