package io.packwatch.notifier.delivery;

import java.time.Instant;

/** What /health shows about one Alertmanager: reachable or since when not, and how many alerts wait for it. */
public record AlertmanagerStatus(String url, boolean reachable, int pending, int consecutiveFailures,
                                 Instant lastSuccess, Instant failingSince, String lastError) {
}
