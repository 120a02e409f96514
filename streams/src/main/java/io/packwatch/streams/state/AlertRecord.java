package io.packwatch.streams.state;

import io.packwatch.schema.PackageAlert;
import io.packwatch.streams.alerts.AlertTracker;

/**
 * What a package's tracking record keeps per alert key: the state machine's memory and, while firing, the last event
 * (served by {@code GET /alerts?state=FIRING}).
 */
public record AlertRecord(AlertTracker tracker, PackageAlert lastEvent) {
}
