package io.packwatch.streams.dlq;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How many records this process sent to the DLQ, per application id: the exception handlers are created by Kafka
 * Streams from class names and share nothing else with the app, so the count is looked up by the application id their
 * configuration carries. Counted when the dead letter is handed to the producer; under exactly-once a transaction that
 * aborts and is retried counts its dead letters again, which is fine for a rate alarm.
 */
public final class DeadLetterCount {
    private static final Map<String, AtomicLong> BY_APPLICATION = new ConcurrentHashMap<>();

    private DeadLetterCount() {
    }

    /** The running total of {@code applicationId} in this process. */
    public static AtomicLong of(String applicationId) {
        return BY_APPLICATION.computeIfAbsent(applicationId == null ? "" : applicationId, id -> new AtomicLong());
    }

    static AtomicLong of(Map<String, ?> streamsConfig) {
        Object id = streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG);
        return of(id == null ? null : id.toString());
    }
}
