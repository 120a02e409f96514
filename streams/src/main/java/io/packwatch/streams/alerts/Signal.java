package io.packwatch.streams.alerts;

import io.packwatch.schema.AlertType;
import io.packwatch.schema.Severity;

/**
 * What one rule says about one alert key at one observation.
 *
 * @param entering severity by the strict thresholds (what opening or escalating needs), null when not met
 * @param holding  severity by the thresholds relaxed by the hysteresis margin (what staying open needs), null when
 *                 cleared beyond the margin
 * @param unknown  the rule cannot tell (e.g. no forecast yet): the alert keeps its state and pending confirmations
 *                 are dropped
 */
public record Signal(String alertKey, AlertType type, String band, Severity entering, Severity holding,
                     boolean unknown, int confirmations) {

    public static Signal of(String alertKey, AlertType type, String band, Severity entering, Severity holding,
                            int confirmations) {
        return new Signal(alertKey, type, band, entering, holding, false, confirmations);
    }

    public static Signal unknown(String alertKey, AlertType type, String band) {
        return new Signal(alertKey, type, band, null, null, true, 1);
    }
}
