package io.packwatch.streams.forecast;

/**
 * Measures time in the hours during which a package can actually be drawn. FULL_TIME packages are drawn at any
 * hour; OFF_PEAK packages only inside their daily window, so their rates are "per drawable hour" and a projection
 * only advances through drawable hours.
 */
public interface DrawableClock {

    /** Drawable hours in [fromMillis, toMillis); 0 when to &lt;= from. */
    double drawableHours(long fromMillis, long toMillis);

    /**
     * The instant at which {@code hours} drawable hours have passed after {@code fromMillis}, or -1 when that lies
     * beyond {@code horizonMillis} (callers treat it as "not within any horizon we care about").
     */
    long instantAfter(long fromMillis, double hours, long horizonMillis);
}
