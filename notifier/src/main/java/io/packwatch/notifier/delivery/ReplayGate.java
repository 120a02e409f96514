package io.packwatch.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds delivery after a partition assignment until the records after the committed position are applied, that is
 * until the consumer's position reaches the end offsets (read_committed) taken at the assignment. Without it, a
 * restored firing alert whose RESOLVED was delivered just before a crash (but not committed) would reach Alertmanager
 * again before the replayed RESOLVED, and open a second episode. While held, the pending queues collapse each alert to
 * its latest form, so the replayed RESOLVED replaces the restored FIRING before anything is sent.
 *
 * <p>Bounded by {@code limit}: a record that cannot be read (registry down) must not hold delivery for good. Past the
 * limit delivery resumes, and until those partitions did catch up {@link #problem()} says so (and /health with it),
 * {@code packwatch_notifier_replay_overdue_partitions} counts them and {@code packwatch_notifier_replay_limit_reached_total}
 * counts the times the limit was hit.
 */
final class ReplayGate {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayGate.class);

    private final Clock clock;
    private final Duration limit;
    /** End offsets of newly assigned partitions, until the consumer's position reaches them. */
    private final Map<TopicPartition, Long> holding = new HashMap<>();
    /** Partitions whose replay outlived the limit: delivery goes on, but they are not caught up yet. */
    private final Map<TopicPartition, Long> overdue = new HashMap<>();
    private final Counter limitReached;
    private volatile int overdueCount;
    private volatile String problem;
    private Instant deadline = Instant.MIN;

    ReplayGate(Clock clock, Duration limit, MeterRegistry meters) {
        this.clock = clock;
        this.limit = limit;
        this.limitReached = Counter.builder("packwatch.notifier.replay.limit.reached")
                .description("Times delivery resumed before the replay after a partition assignment caught up")
                .register(meters);
        Gauge.builder("packwatch.notifier.replay.overdue.partitions", this, g -> g.overdueCount)
                .description("Assigned partitions not caught up with their end offsets although delivery resumed")
                .register(meters);
    }

    /** Partitions were assigned: hold until the position of each reaches its end offset, or the limit passes. */
    void hold(Map<TopicPartition, Long> endOffsets) {
        holding.putAll(endOffsets);
        deadline = clock.instant().plus(limit);
    }

    /** Partitions were revoked: nothing to wait for there any more. */
    void forget(Collection<TopicPartition> partitions) {
        holding.keySet().removeAll(partitions);
        overdue.keySet().removeAll(partitions);
        publish();
    }

    /**
     * Whether delivery may go on. {@code position} is the consumer's position of a partition, empty when it is no
     * longer assigned.
     */
    boolean open(Function<TopicPartition, OptionalLong> position) {
        holding.entrySet().removeIf(e -> caughtUp(e.getKey(), e.getValue(), position));
        overdue.entrySet().removeIf(e -> caughtUp(e.getKey(), e.getValue(), position));
        if (!holding.isEmpty() && clock.instant().isAfter(deadline)) {
            LOG.warn("event=replay-limit-reached partitions={} limit={}s; delivering what is known", describe(holding),
                    limit.toSeconds());
            overdue.putAll(holding);
            holding.clear();
            limitReached.increment();
        }
        publish();
        return holding.isEmpty();
    }

    /** Set while partitions whose replay outlived the limit have not caught up; empty otherwise. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private static boolean caughtUp(TopicPartition tp, long end, Function<TopicPartition, OptionalLong> position) {
        OptionalLong p = position.apply(tp);
        return p.isEmpty() || p.getAsLong() >= end;
    }

    private static Map<String, Long> describe(Map<TopicPartition, Long> ends) {
        Map<String, Long> sorted = new TreeMap<>();
        ends.forEach((tp, end) -> sorted.put(tp.toString(), end));
        return sorted;
    }

    private void publish() {
        overdueCount = overdue.size();
        problem = overdue.isEmpty() ? null : "replay after assignment not caught up within " + limit.toSeconds()
                + " s for " + describe(overdue) + " (partition=end offset); delivering what is known, "
                + "so an alert resolved just before a restart may briefly fire again";
    }
}
