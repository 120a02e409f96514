package io.packwatch.simulators.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the compact durations and time expressions of scenario files ("90s", "2m", "3h", "10d", ISO "PT1H",
 * "+2m" / "-1d" relative to the simulator start, or an absolute ISO instant). Hand-written because Duration.parse
 * only reads ISO-8601 and scenario files are edited by people.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)");

    private Durations() { }

    public static Duration parse(String text, String where) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m", "min" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            return Duration.ofMillis(Math.round(v * unitMillis));
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new ScenarioException(where + ": '" + text + "' is not a duration (use e.g. 90s, 2m, 3h, 10d or PT1H)");
        }
    }

    /** "now", "+2m", "-1d" (relative to epoch) or an absolute ISO-8601 instant. */
    public static Instant time(String text, Instant epoch, String where) {
        String t = text.trim();
        if (t.equals("now")) return epoch;
        if (t.startsWith("+")) return epoch.plus(parse(t.substring(1), where));
        if (t.startsWith("-")) return epoch.minus(parse(t.substring(1), where));
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new ScenarioException(where + ": '" + text
                    + "' is not a time (use now, +2m, -1d or an ISO instant like 2024-07-16T10:46:08Z)");
        }
    }
}
