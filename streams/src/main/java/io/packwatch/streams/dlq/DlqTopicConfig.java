package io.packwatch.streams.dlq;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** Reads the DLQ topic name the handlers write to from the Streams config (set by StreamsSettings). */
final class DlqTopicConfig {
    private DlqTopicConfig() {
    }

    static String topic(Map<String, ?> configs) {
        Object v = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalStateException("'" + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + "' must name the DLQ topic for the Packwatch exception handlers");
        }
        return v.toString();
    }
}
