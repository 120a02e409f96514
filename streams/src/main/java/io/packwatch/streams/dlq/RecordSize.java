package io.packwatch.streams.dlq;

import org.apache.kafka.clients.producer.ProducerConfig;
import java.util.Map;
import io.packwatch.core.topics.RecordLimits;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The most bytes a record can take in a produce request, the quantity the producer compares with
 * {@code max.request.size}. Written out here because Kafka's own estimate
 * ({@code AbstractRecords.estimateSizeInBytesUpperBound}) lives in an internal package; this is the same bound: a
 * record batch header plus one record of the v2 format with every varint at its longest.
 */
final class RecordSize {
    private static final int BATCH_OVERHEAD = 61;
    /** length, attributes, timestamp delta, offset delta, key length, value length, header count at their longest. */
    private static final int RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;
    private static final int HEADER_OVERHEAD = 5 + 5;

    private RecordSize() {
    }

    static int upperBound(byte[] key, byte[] value, Headers headers) {
        long size = BATCH_OVERHEAD + RECORD_OVERHEAD + length(key) + length(value);
        for (Header h : headers) {
            size += HEADER_OVERHEAD + h.key().length() * 3L + length(h.value());
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * The record limit a dead letter must fit: the app producer's {@code max.request.size} (as Kafka Streams passes it,
     * {@code producer.}-prefixed or plain), and never more than the DLQ topic's {@code max.message.bytes}.
     */
    static int dlqLimit(Map<String, ?> configs) {
        Object v = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (v == null) {
            v = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        int producer = v == null ? RecordLimits.PRODUCER_MAX_REQUEST_BYTES : Integer.parseInt(v.toString().trim());
        return Math.min(producer, RecordLimits.TOPIC_MAX_MESSAGE_BYTES);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
