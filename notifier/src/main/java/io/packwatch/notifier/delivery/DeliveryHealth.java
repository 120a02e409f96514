package io.packwatch.notifier.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET /health} of the notifier says. {@code status}:
 * <ul>
 *   <li>{@code UP} (200): every Alertmanager accepts, nothing is wrong.</li>
 *   <li>{@code DEGRADED} (200): alerts still reach at least one Alertmanager, but something needs a look: a peer of an
 *   HA pair is unreachable (named in {@code problems}; it catches up when back, and offsets are committed only then),
 *   or a replay after a partition assignment outlived its limit. The notifier itself works: a load balancer or
 *   orchestrator must not restart it for that.</li>
 *   <li>{@code DOWN} (503): no alert reaches any Alertmanager: none accepts, the registry cannot be reached (records
 *   cannot be read), or the delivery thread stopped.</li>
 * </ul>
 */
public record DeliveryHealth(Status status, Map<String, String> problems, List<AlertmanagerStatus> alertmanagers,
                             int firing, Instant lastCommit) {

    public enum Status { UP, DEGRADED, DOWN }

    /**
     * @param blocking problems that stop delivery whatever the Alertmanagers do (registry, delivery thread)
     * @param replay   the replay-limit problem, if any
     */
    static DeliveryHealth of(Map<String, String> blocking, Optional<String> replay, List<AlertmanagerStatus> alertmanagers,
                             int firing, Instant lastCommit) {
        Map<String, String> problems = new LinkedHashMap<>(blocking);
        replay.ifPresent(p -> problems.put("replay", p));
        long accepting = alertmanagers.stream().filter(AlertmanagerStatus::reachable).count();
        for (AlertmanagerStatus s : alertmanagers) {
            if (!s.reachable()) {
                problems.put("alertmanager " + s.url(), "failing since " + s.failingSince() + " (" + s.consecutiveFailures()
                        + " attempts, " + s.pending() + " alerts waiting): " + s.lastError()
                        + (accepting > 0 ? "; " + accepting + " other Alertmanager(s) accept, offsets are committed once "
                        + "this one caught up" : ""));
            }
        }
        Status status = problems.isEmpty() ? Status.UP
                : !blocking.isEmpty() || accepting == 0 ? Status.DOWN : Status.DEGRADED;
        return new DeliveryHealth(status, problems, alertmanagers, firing, lastCommit);
    }

    /** False only when DOWN: /health answers 503 then, 200 otherwise. */
    public boolean serving() {
        return status != Status.DOWN;
    }
}
