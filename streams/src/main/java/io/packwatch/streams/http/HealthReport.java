package io.packwatch.streams.http;

import java.util.Map;

/**
 * What the background health checks found, by check name ({@code broker}, {@code registry}, {@code stream-threads},
 * {@code dlq}): each either {@code null} (fine) or the reason it is not.
 */
public record HealthReport(Map<String, String> problems) {
    public static final HealthReport NONE = new HealthReport(Map.of());

    public boolean healthy() {
        return problems.values().stream().allMatch(r -> r == null);
    }
}
