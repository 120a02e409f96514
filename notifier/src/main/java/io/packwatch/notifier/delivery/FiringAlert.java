package io.packwatch.notifier.delivery;

import io.packwatch.notifier.alertmanager.AmAlert;

/**
 * An alert that fires in Packwatch, as last sent to Alertmanager (its {@code startsAt} is the episode's start), and the
 * alert-topic partition it came from: the notifier instance that owns that partition re-sends it.
 */
public record FiringAlert(String alertKey, String sourceTopic, int sourcePartition, AmAlert alert) {
}
