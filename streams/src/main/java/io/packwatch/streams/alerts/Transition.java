package io.packwatch.streams.alerts;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.Severity;

/**
 * One decided transition of one alert key.
 *
 * @param sequence  number of this transition for the alert key (1 for the first OPEN); part of the event id
 * @param severity  severity after the transition; for RESOLVE the severity that was resolved
 * @param eventId   deterministic: the same alert key, sequence, state and severity always give the same id
 */
public record Transition(String alertKey, AlertType type, String band, TransitionKind kind, AlertState state,
                         Severity severity, long sequence, String eventId) {
}
