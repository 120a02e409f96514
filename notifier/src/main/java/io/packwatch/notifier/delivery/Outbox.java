package io.packwatch.notifier.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * What every configured Alertmanager still has to receive, and when it may be sent: alerts go to each target's queue
 * (collapsed per label set), and {@link #deliver} sends them only while the {@link ReplayGate} is open.
 */
final class Outbox {
    private final List<AlertmanagerTarget> targets;
    private final ReplayGate gate;

    Outbox(List<AlertmanagerTarget> targets, ReplayGate gate) {
        this.targets = List.copyOf(targets);
        this.gate = gate;
    }

    void enqueue(AlertmanagerTarget.Pending alert) {
        targets.forEach(t -> t.enqueue(alert));
    }

    /**
     * Partitions were assigned: their firing alerts (from the state topic) are queued again, and nothing is sent until
     * the records after the committed position, up to {@code endOffsets}, are applied.
     */
    void restore(Collection<FiringAlert> restored, Map<TopicPartition, Long> endOffsets) {
        for (FiringAlert f : restored) {
            enqueue(new AlertmanagerTarget.Pending(f.alertKey(), f.alert(), true, -1));
        }
        gate.hold(endOffsets);
    }

    /** Partitions were revoked: their alerts are no longer ours to send. */
    void revoke(Collection<TopicPartition> partitions, Collection<String> alertKeys) {
        targets.forEach(t -> t.dropKeys(alertKeys));
        gate.forget(partitions);
    }

    /**
     * Sends what is pending to every Alertmanager whose backoff allows; true when everything consumed so far has been
     * accepted by all of them (offsets may be committed). False, sending nothing, while the replay gate holds.
     */
    boolean deliver(Instant now, Function<TopicPartition, OptionalLong> position) {
        if (!gate.open(position)) {
            return false;
        }
        boolean allDelivered = true;
        for (AlertmanagerTarget target : targets) {
            allDelivered &= target.deliver(now);
        }
        return allDelivered;
    }

    List<AlertmanagerStatus> statuses() {
        return targets.stream().map(AlertmanagerTarget::status).toList();
    }

    Optional<String> replayProblem() {
        return gate.problem();
    }
}
