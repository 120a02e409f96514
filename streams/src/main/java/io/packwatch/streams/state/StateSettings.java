package io.packwatch.streams.state;

import io.packwatch.streams.alerts.AlertSettings;
import io.packwatch.streams.forecast.ForecastSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Settings of the state-and-alerts part, read from the {@code packwatch.*} keys of the streams config:
 * {@code packwatch.forecast.*} ({@link ForecastSettings}), {@code packwatch.alerts.*} ({@link AlertSettings}) and
 * {@code packwatch.state.stale-check-interval} (how often the wall-clock punctuation looks for stale packages,
 * default PT15S).
 */
public record StateSettings(ForecastSettings forecast, AlertSettings alerts, Duration staleCheckInterval) {

    public static final String STALE_CHECK_INTERVAL = "packwatch.state.stale-check-interval";

    public static StateSettings from(Map<String, String> raw) {
        String check = raw.getOrDefault(STALE_CHECK_INTERVAL, "PT15S");
        Duration interval;
        try {
            interval = Duration.parse(check.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(STALE_CHECK_INTERVAL + " must be an ISO-8601 duration like PT15S, was '" + check + "'", e);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(STALE_CHECK_INTERVAL + " must be positive, was " + check);
        }
        return new StateSettings(ForecastSettings.from(raw), new AlertSettings(raw), interval);
    }
}
