package io.packwatch.notifier.alertmanager;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's API v2 takes it ({@code POST /api/v2/alerts}). Alertmanager identifies an alert by its
 * label set (the fingerprint), so re-posting the same labels is an update, never a second alert.
 */
public record AmAlert(SortedMap<String, String> labels, SortedMap<String, String> annotations, Instant startsAt,
                      Instant endsAt, String generatorUrl) {

    public AmAlert {
        labels = new TreeMap<>(labels);
        annotations = new TreeMap<>(annotations);
    }

    public AmAlert endingAt(Instant newEnd) {
        return new AmAlert(labels, annotations, startsAt, newEnd, generatorUrl);
    }

    /** True when {@code endsAt} is not in the future of {@code now}: Alertmanager shows it resolved. */
    public boolean resolvedAt(Instant now) {
        return !endsAt.isAfter(now);
    }

    public Map<String, String> identity() {
        return labels;
    }
}
