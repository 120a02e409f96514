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
        for (Robot.RateLimit limit : limits) {
            Instant windowStart = now.minus(limit.window());
            int inWindow = 0;
            for (var it = sent.descendingIterator(); it.hasNext() && it.next().isAfter(windowStart); ) {
                inWindow++;
            }
            if (inWindow >= limit.max()) {
                // Once the (inWindow - max + 1)-th oldest send of the window has left it, one more fits.
                Duration untilFree = Duration.between(now, nthOldestInWindow(windowStart, inWindow - limit.max() + 1)
                        .plus(limit.window()));
                if (untilFree.compareTo(wait) > 0) {
                    wait = untilFree;
                }
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private Instant nthOldestInWindow(Instant windowStart, int n) {
        int seen = 0;
        for (Instant t : sent) {
            if (t.isAfter(windowStart) && ++seen == n) {
                return t;
            }
        }
        return windowStart;
    }

    void record(Instant when) {
        sent.addLast(when);
    }
}
