package io.packwatch.streams.forecast;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Knobs of the rate estimators and the forecast, read from {@code packwatch.forecast.*} keys.
 *
 * @param minSamples        samples in the current segment before any forecast is made
 * @param minSpan           observed span of the current segment before any forecast is made
 * @param ewmaHalfLife      half-life of the EWMA rate, in drawable time
 * @param slopeWindow       window of the least-squares slope (wall time back from the latest sample)
 * @param slopeMinSpan      the forecast uses the slope only when its points span at least this much, else the EWMA
 * @param recentSamples     raw samples kept per package (besides the hourly buckets)
 * @param bucketRetention   how far back hourly buckets are kept
 * @param projectionHorizon projections beyond this are reported as "no depletion"
 * @param resetNearZeroPercent a drop of used to at most this share of capacity (and by at least as much) is a reset
 *                          at once (a new cycle or a counter reset the vendor did not announce otherwise)
 * @param resetDropPercent  a drop of used by at least this share of capacity is a reset once it persists for
 *                          {@code resetDropPolls} polls; smaller decreases are noise and never restart the history
 * @param resetDropPolls    consecutive polls a large drop must persist before it opens a segment (1 = at once)
 * @param levelWindow       the current used level is the median of the raw samples of this window, each carried to
 *                          the latest instant at the forecast rate, so one noisy sample does not move the projection
 */
public record ForecastSettings(
        int minSamples,
        Duration minSpan,
        Duration ewmaHalfLife,
        Duration slopeWindow,
        Duration slopeMinSpan,
        int recentSamples,
        Duration bucketRetention,
        Duration projectionHorizon,
        double resetNearZeroPercent,
        double resetDropPercent,
        int resetDropPolls,
        Duration levelWindow) {

    public static final String PREFIX = "packwatch.forecast.";
    /** Bounds the samples a history holds back while a large drop is unconfirmed. */
    public static final int MAX_DROP_POLLS = 10;

    public static ForecastSettings defaults() {
        return new ForecastSettings(3, Duration.ofMinutes(15), Duration.ofHours(6), Duration.ofHours(36),
                Duration.ofHours(6), 32, Duration.ofDays(7), Duration.ofDays(3650), 1, 5, 3, Duration.ofHours(3));
    }

    public ForecastSettings {
        if (minSamples < 2) {
            throw new IllegalArgumentException(PREFIX + "min-samples must be >= 2, was " + minSamples);
        }
        if (recentSamples < 4 || recentSamples > 1024) {
            throw new IllegalArgumentException(PREFIX + "recent-samples must be in 4..1024, was " + recentSamples);
        }
        requirePositive("ewma-half-life", ewmaHalfLife);
        requirePositive("slope-window", slopeWindow);
        requirePositive("bucket-retention", bucketRetention);
        requirePositive("projection-horizon", projectionHorizon);
        requirePositive("level-window", levelWindow);
        if (!(resetNearZeroPercent >= 0 && resetNearZeroPercent < 50)) {
            throw new IllegalArgumentException(PREFIX + "reset.near-zero-percent must be in [0, 50), was " + resetNearZeroPercent);
        }
        if (!(resetDropPercent > 0 && resetDropPercent <= 100)) {
            throw new IllegalArgumentException(PREFIX + "reset.drop-percent must be in (0, 100], was " + resetDropPercent);
        }
        if (resetDropPolls < 1 || resetDropPolls > MAX_DROP_POLLS) {
            throw new IllegalArgumentException(PREFIX + "reset.drop-polls must be in 1.." + MAX_DROP_POLLS + ", was " + resetDropPolls);
        }
    }

    /** Reads {@code packwatch.forecast.<name>} keys; absent keys keep the defaults. Durations are ISO-8601. */
    public static ForecastSettings from(Map<String, String> raw) {
        ForecastSettings d = defaults();
        return new ForecastSettings(
                intOf(raw, "min-samples", d.minSamples),
                durationOf(raw, "min-span", d.minSpan),
                durationOf(raw, "ewma-half-life", d.ewmaHalfLife),
                durationOf(raw, "slope-window", d.slopeWindow),
                durationOf(raw, "slope-min-span", d.slopeMinSpan),
                intOf(raw, "recent-samples", d.recentSamples),
                durationOf(raw, "bucket-retention", d.bucketRetention),
                durationOf(raw, "projection-horizon", d.projectionHorizon),
                doubleOf(raw, "reset.near-zero-percent", d.resetNearZeroPercent),
                doubleOf(raw, "reset.drop-percent", d.resetDropPercent),
                intOf(raw, "reset.drop-polls", d.resetDropPolls),
                durationOf(raw, "level-window", d.levelWindow));
    }

    private static double doubleOf(Map<String, String> raw, String name, double fallback) {
        return valueOf(raw, name, fallback, Double::parseDouble, "a number");
    }

    private static int intOf(Map<String, String> raw, String name, int fallback) {
        return valueOf(raw, name, fallback, Integer::parseInt, "an integer");
    }

    static Duration durationOf(Map<String, String> raw, String name, Duration fallback) {
        return valueOf(raw, name, fallback, Duration::parse, "an ISO-8601 duration like PT6H");
    }

    private static <T> T valueOf(Map<String, String> raw, String name, T fallback, Function<String, T> parse, String expected) {
        String v = raw.get(PREFIX + name);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be " + expected + ", was '" + v + "'", e);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(PREFIX + name + " must be positive, was " + d);
        }
    }
}
