package io.packwatch.streams.alerts;

import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Observation;

/**
 * The depletion bracket in words for alert messages: " (in 5-7 days)", " (in 20-30 hours)", or " (in 5 days or
 * more)" when the forecast has no upper bound. Days from 48 hours on; the lower end rounded down and the upper end
 * up, so the words never claim more precision than the bracket has.
 */
final class DepletionBracket {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private DepletionBracket() {
    }

    static String phrase(Forecast f, long now) {
        if (f == null || !f.hasDepletion()) {
            return "";
        }
        return phrase(f.depletionEarliestAt(), f.depletionLatestAt(), now);
    }

    /**
     * The words for a bracket from its ends ({@link Observation#NONE} when absent), so that what a message says can
     * be recomputed from the event's fields ({@code projectedDepletionEarliestAt}/{@code LatestAt}, {@code observedAt}).
     */
    static String phrase(long earliestAt, long latestAt, long now) {
        if (earliestAt == Observation.NONE) {
            return "";
        }
        long early = Math.max(0, earliestAt - now);
        if (latestAt == Observation.NONE) {
            long unit = early >= 2 * DAY ? DAY : HOUR;
            return " (in " + early / unit + (unit == DAY ? " days" : " hours") + " or more)";
        }
        long late = Math.max(early, latestAt - now);
        long unit = late >= 2 * DAY ? DAY : HOUR;
        long low = early / unit;
        long high = Math.max(low, (late + unit - 1) / unit);
        String range = low == high ? "about " + low : low + "-" + high;
        return " (in " + range + (unit == DAY ? " days" : " hours") + ")";
    }
}
