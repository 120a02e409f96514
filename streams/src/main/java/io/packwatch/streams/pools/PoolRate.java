package io.packwatch.streams.pools;

import io.packwatch.streams.forecast.DrawableClock;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Forecaster;
import io.packwatch.streams.forecast.Observation;
import io.packwatch.streams.forecast.PackageHistory;

/**
 * The pool's consumption rate per drawable hour and its P10/P90 bounds, from the per-package {@link Forecaster} run
 * over the pool's cumulative consumption (so noise handling, estimator choice and the bracket are the same code).
 *
 * <p>The history is fed with a constant virtual capacity ({@link #HISTORY_CAPACITY}): the pool's cumulative is
 * continuous by construction (joins and leaves do not move it), so nothing in it is a reset, and a capacity that never
 * changes and dwarfs every drop keeps the history from opening a segment. The forecast is then asked when the pool's
 * drawable remaining would run out, and the ratio of that horizon to its P10 and P90 instants (in drawable hours) gives
 * the rate's upper and lower bound: the bracket the projection walks the members at.
 *
 * @param ratePerHour NaN before the forecast's minimum history
 * @param highPerHour the rate's upper bound (gives the P10 overage instant), NaN when unknown
 * @param lowPerHour  the rate's lower bound (gives the P90 instant), NaN when too uncertain to bound
 */
public record PoolRate(double ratePerHour, double highPerHour, double lowPerHour, double confidence) {

    /** Constant capacity of the pool's history: large enough that no drop is a reset, small enough for doubles. */
    static final long HISTORY_CAPACITY = 1L << 60;
    static final PoolRate UNKNOWN = new PoolRate(Double.NaN, Double.NaN, Double.NaN, 0);

    static Observation sample(String poolKey, long at, long cumulative, DrawableClock clock) {
        return new Observation(at, poolKey, HISTORY_CAPACITY, cumulative, Observation.NONE, Observation.NONE,
                Observation.NONE, clock);
    }

    static PoolRate of(Forecaster forecaster, PackageHistory history, String poolKey, long now, long cumulative,
                       long drawableRemaining, DrawableClock clock) {
        if (history.latest() == null) {
            return UNKNOWN;
        }
        // the probe: the pool's drawable remaining on top of what it consumed (at least an hour's worth, so an empty
        // pool still gets its rate's bounds)
        long probe = Math.max(drawableRemaining, 1);
        Observation latest = new Observation(now, poolKey, cumulative + probe, cumulative, Observation.NONE,
                Observation.NONE, Observation.NONE, clock);
        Forecast f = forecaster.forecast(history, latest);
        if (!f.hasProjection()) {
            return UNKNOWN;
        }
        double rate = f.ratePerHour();
        if (!f.hasDepletion() || rate <= 0) {
            return new PoolRate(rate, rate, Double.NaN, f.confidence());
        }
        double hours = clock.drawableHours(now, f.depletionAt());
        double toEarliest = clock.drawableHours(now, f.depletionEarliestAt());
        double high = hours <= 0 || toEarliest <= 0 ? rate : Math.max(rate, rate * hours / toEarliest);
        double low = Double.NaN;
        if (f.depletionLatestAt() != Observation.NONE && hours > 0) {
            double toLatest = clock.drawableHours(now, f.depletionLatestAt());
            low = toLatest <= 0 ? rate : Math.min(rate, rate * hours / toLatest);
        }
        return new PoolRate(rate, high, low, f.confidence());
    }

    public boolean known() {
        return !Double.isNaN(ratePerHour);
    }
}
