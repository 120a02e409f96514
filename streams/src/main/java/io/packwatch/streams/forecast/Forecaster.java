package io.packwatch.streams.forecast;

import java.util.List;

/**
 * Turns a package history into rates, a depletion projection and its P10/P90 bracket.
 *
 * <p>Estimator choice: the robust (Huber) regression slope when its points span at least {@code slopeMinSpan}
 * (with a daily harmonic once they span a day, which cancels diurnal curves), else the EWMA, which is the better
 * guess on a young segment; the regression also stands in when the EWMA is not positive. Once the segment's daily
 * samples span two weeks and show a weekday/weekend difference, the projection walks through the days at each day's
 * class rate ({@link WeeklyProfile}), scaled to the recent trend. The level the projection starts from is the median
 * of the last {@code levelWindow} of raw samples, each carried forward to the latest instant at the rate, so a single
 * noisy or stale sample does not move it. Projections count drawable hours only.
 *
 * <p>The bracket comes from the rate's uncertainty: the regression's standard error (inflated for the residuals'
 * autocorrelation) at the 10th and 90th percentiles of a normal law, at least {@link #MIN_RATE_SPREAD}; an EWMA has
 * no error measure and gets {@link #EWMA_RATE_SPREAD}.
 */
public final class Forecaster {

    private static final double HOUR_MS = 3_600_000d;
    private static final long DAY_MS = 86_400_000L;
    /** z of the 90th percentile of a standard normal law. */
    private static final double Z90 = 1.2816;
    static final double MIN_RATE_SPREAD = 0.03;
    static final double EWMA_RATE_SPREAD = 0.5;
    /** A rate this uncertain has no useful lower bound: the P90 instant is left open. */
    private static final double MAX_RATE_SPREAD = 0.9;

    private final ForecastSettings settings;

    public Forecaster(ForecastSettings settings) {
        this.settings = settings;
    }

    public Forecast forecast(PackageHistory history, Observation latest) {
        double percentUsed = latest.capacity() <= 0 ? 0 : 100d * latest.used() / latest.capacity();
        long now = latest.observedAt();
        long timeToExpiry = latest.hasExpiry() ? latest.expiresAt() - now : Observation.NONE;
        DrawableClock clock = latest.clock();
        // noise can pull the EWMA of interval rates below zero for a while; consumption is never negative
        double ewma = Math.max(0, history.ewmaRate());
        List<Point> points = history.slopePoints(settings.slopeWindow().toMillis());
        LeastSquares.Fit fit = fit(points, history.segmentStartedAt(), clock);
        // a harmonic fit can tilt slightly negative on a flat segment; consumption is never negative
        double slope = fit == null ? Double.NaN : Math.max(0, fit.slope());

        long segmentSpan = now - history.segmentStartedAt();
        boolean enoughHistory = history.sampleCount() >= settings.minSamples()
                && segmentSpan >= settings.minSpan().toMillis();
        Method method = Method.NONE;
        double rate = Double.NaN;
        if (enoughHistory) {
            long slopeSpan = points.isEmpty() ? 0 : points.get(points.size() - 1).at() - points.get(0).at();
            boolean slopeUsable = fit != null && fit.slope() > 0;
            if (slopeUsable && slopeSpan >= settings.slopeMinSpan().toMillis()) {
                method = Method.LEAST_SQUARES;
                rate = slope;
            } else if (ewma > 0 || (!Double.isNaN(ewma) && !slopeUsable)) {
                method = Method.EWMA;
                rate = Math.max(0, ewma);
            } else if (slopeUsable) {
                method = Method.LEAST_SQUARES;
                rate = slope;
            }
        }
        if (method == Method.NONE) {
            return new Forecast(ewma, slope, Method.NONE, Double.NaN, Observation.NONE, Observation.NONE,
                    Observation.NONE, -1, timeToExpiry, percentUsed, history.sampleCount(), 0, false);
        }
        double spread = method == Method.LEAST_SQUARES
                ? Math.max(MIN_RATE_SPREAD, Z90 * fit.slopeStdError() / rate) : EWMA_RATE_SPREAD;
        Projector projector = projector(history, method, rate, clock, now);
        Level level = level(history, rate, clock, now);
        double remaining = latest.remaining() <= 0 ? 0 : Math.max(0, latest.capacity() - level.used());
        double remainingSpread = Z90 * level.stdError();
        long depletionAt;
        long earliest;
        long latestAt;
        if (remaining <= 0) {
            depletionAt = now;
            earliest = now;
            latestAt = now;
        } else {
            depletionAt = projector.instantAfter(remaining, 1);
            earliest = depletionAt == Observation.NONE ? Observation.NONE
                    : Math.max(now, projector.instantAfter(Math.max(0, remaining - remainingSpread), 1 + spread));
            latestAt = depletionAt == Observation.NONE || spread >= MAX_RATE_SPREAD ? Observation.NONE
                    : projector.instantAfter(remaining + remainingSpread, 1 - spread);
            if (depletionAt != Observation.NONE && projector.weekly() == null) {
                double longRun = longRunRate(history, clock);
                if (!Double.isNaN(longRun)) {
                    long atLongRun = longRun <= 0 ? Observation.NONE
                            : new Projector(clock, now, settings.projectionHorizon().toMillis(), longRun, null, 1)
                                    .instantAfter(remaining, 1);
                    earliest = atLongRun == Observation.NONE ? earliest : Math.min(earliest, Math.max(now, atLongRun));
                    latestAt = atLongRun == Observation.NONE || latestAt == Observation.NONE ? Observation.NONE
                            : Math.max(latestAt, atLongRun);
                }
            }
        }
        long waste = -1;
        if (latest.hasExpiry()) {
            waste = Math.max(0, Math.round(remaining - projector.consumedUntil(latest.expiresAt())));
        }
        return new Forecast(ewma, slope, method, projector.rateNow(), depletionAt, earliest, latestAt, waste,
                timeToExpiry, percentUsed, history.sampleCount(), confidence(history, fit, method, segmentSpan),
                projector.weekly() != null);
    }

    /**
     * The mean rate over the hourly buckets (up to {@code bucket-retention}, a week by default) when they reach
     * further back than the slope window, else NaN. The slope window's rate swings with what a window of a day and a
     * half cannot see (a weekend, a heavy burst); where the longer run disagrees, the truth is as likely near its
     * projection as near the window's, so the bracket spans both. Alerts hold on the bracket's early end, which is
     * what keeps a weekend or a quiet stretch between bursts from resolving a DEPLETION_FORECAST that is still due.
     */
    private double longRunRate(PackageHistory history, DrawableClock clock) {
        List<Point> buckets = history.hourly;
        if (buckets.size() < 2) {
            return Double.NaN;
        }
        Point first = buckets.get(0);
        Point last = buckets.get(buckets.size() - 1);
        if (last.at() - first.at() <= settings.slopeWindow().toMillis()) {
            return Double.NaN;
        }
        double hours = clock.drawableHours(first.at(), last.at());
        return hours <= 0 ? Double.NaN : Math.max(0, last.used() - first.used()) / hours;
    }

    /**
     * The current used level and its standard error. A counter that never decreased over the last
     * {@code levelWindow} is exact (bursts and hourly postings are real usage): its latest sample is the level. A
     * counter that did decrease is noisy: the level is the median of the window's samples, each carried to
     * {@code now} at the rate, and its error that of a median (1.2533 sd / sqrt(n), the sd from the MAD).
     */
    private Level level(PackageHistory history, double rate, DrawableClock clock, long now) {
        Point last = history.latest();
        long from = last.at() - settings.levelWindow().toMillis();
        java.util.Deque<Point> recent = history.recent;
        double[] carried = new double[recent.size()];
        int n = 0;
        boolean decreased = false;
        long previous = Long.MIN_VALUE;
        for (Point p : recent) {
            if (p.at() >= from) {
                carried[n++] = p.used() + rate * clock.drawableHours(p.at(), now);
                decreased |= p.used() < previous;
                previous = p.used();
            }
        }
        if (!decreased) {
            return new Level(last.used() + rate * clock.drawableHours(last.at(), now), 0);
        }
        double[] window = java.util.Arrays.copyOf(carried, n);
        double median = LeastSquares.median(window);
        for (int i = 0; i < n; i++) {
            window[i] = Math.abs(window[i] - median);
        }
        double sd = 1.4826 * LeastSquares.median(window);
        return new Level(median, 1.2533 * sd / Math.sqrt(n));
    }

    private record Level(double used, double stdError) {
    }

    private Projector projector(PackageHistory history, Method method, double rate, DrawableClock clock, long now) {
        long horizon = settings.projectionHorizon().toMillis();
        if (method == Method.LEAST_SQUARES) {
            WeeklyProfile weekly = WeeklyProfile.of(history.segmentStartedAt(), history.daily, clock);
            List<Point> buckets = history.hourly;
            if (weekly != null && buckets.size() >= 2) {
                // scale the profile to what was consumed over the hourly buckets (up to a week), so a level shift
                // since the profile's weeks carries over; bounded so that one odd week cannot run away with it
                Point first = buckets.get(0);
                Point last = history.latest();
                double expected = weekly.consumed(first.at(), last.at(), 1, clock);
                if (expected > 0) {
                    double scale = Math.max(0.25, Math.min(4, (last.used() - first.used()) / expected));
                    return new Projector(clock, now, horizon, Double.NaN, weekly, scale);
                }
            }
        }
        return new Projector(clock, now, horizon, rate, null, 1);
    }

    /** Projects at a flat rate per drawable hour, or through a weekly profile scaled by {@code scale}. */
    private record Projector(DrawableClock clock, long now, long horizon, double rate, WeeklyProfile weekly,
                             double scale) {

        long instantAfter(double remaining, double rateFactor) {
            long at;
            if (weekly != null) {
                at = weekly.instantAfter(now, remaining, scale * rateFactor, clock, horizon);
            } else {
                double r = rate * rateFactor;
                at = r <= 0 ? -1 : clock.instantAfter(now, remaining / r, horizon);
            }
            return at < 0 ? Observation.NONE : at;
        }

        double consumedUntil(long until) {
            return weekly != null ? weekly.consumed(now, until, scale, clock) : rate * clock.drawableHours(now, until);
        }

        double rateNow() {
            return weekly != null ? weekly.rateAt(now) * scale : rate;
        }
    }

    private LeastSquares.Fit fit(List<Point> points, long origin, DrawableClock clock) {
        if (points.size() < 3) {
            return null;
        }
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
