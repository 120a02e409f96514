package io.packwatch.notifier.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Sliding-window rate limits of one robot: remembers recent sends and says how long the next one must wait. */
final class SendWindow {
    private final List<Robot.RateLimit> limits;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private final Duration longest;

    SendWindow(List<Robot.RateLimit> limits) {
        this.limits = List.copyOf(limits);
        this.longest = limits.stream().map(Robot.RateLimit::window).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Zero when a message may go now, else how long until one may. */
    Duration waitBefore(Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(longest))) {
            sent.removeFirst();
        }
        Duration wait = Duration.ZERO;
        List<Instant> sends = List.copyOf(sent);
        for (Robot.RateLimit limit : limits) {
            // One more fits once the max-th most recent send has left the window: until then the window holds max.
            // (When it has left already, the wait is negative and changes nothing.)
            if (sends.size() >= limit.max()) {
                Duration untilFree = Duration.between(now, sends.get(sends.size() - limit.max()).plus(limit.window()));
                if (untilFree.compareTo(wait) > 0) {
                    wait = untilFree;
                }
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    void record(Instant when) {
        sent.addLast(when);
    }
}
