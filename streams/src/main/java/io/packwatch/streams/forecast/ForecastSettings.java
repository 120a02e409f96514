package io.packwatch.streams.forecast;

import java.time.Duration;
import java.util.Map;

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
 */
public record ForecastSettings(
        int minSamples,
        Duration minSpan,
        Duration ewmaHalfLife,
        Duration slopeWindow,
        Duration slopeMinSpan,
        int recentSamples,
        Duration bucketRetention,
        Duration projectionHorizon) {

    public static final String PREFIX = "packwatch.forecast.";

    public static ForecastSettings defaults() {
        return new ForecastSettings(3, Duration.ofMinutes(15), Duration.ofHours(6), Duration.ofHours(36),
                Duration.ofHours(6), 32, Duration.ofDays(7), Duration.ofDays(3650));
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
                durationOf(raw, "projection-horizon", d.projectionHorizon));
    }

    private static int intOf(Map<String, String> raw, String name, int fallback) {
        String v = raw.get(PREFIX + name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be an integer, was '" + v + "'", e);
        }
    }

    static Duration durationOf(Map<String, String> raw, String name, Duration fallback) {
        String v = raw.get(PREFIX + name);
        if (v == null) {
            return fallback;
        }
        try {
            return Duration.parse(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be an ISO-8601 duration like PT6H, was '" + v + "'", e);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(PREFIX + name + " must be positive, was " + d);
        }
    }
}
