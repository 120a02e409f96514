package io.packwatch.streams.dlq;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record that could not be processed, with where it came from and why: what goes to {@code packwatch.dlq}.
 * Key and value are the original bytes; the headers say the rest (names in {@link #HEADERS}).
 *
 * @param vendor the vendor API id of the source topic ({@code tencent-vpc} ...), or {@code unknown}
 */
public record DeadLetter(
        String errorClass,
        String errorMessage,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String vendor,
        byte[] key,
        byte[] value,
        Headers originalHeaders) {

    public static final String ERROR_CLASS = "pw.error.class";
    public static final String ERROR_MESSAGE = "pw.error.message";
    public static final String SOURCE_TOPIC = "pw.source.topic";
    public static final String SOURCE_PARTITION = "pw.source.partition";
    public static final String SOURCE_OFFSET = "pw.source.offset";
    public static final String VENDOR = "pw.vendor";
    public static final String UNKNOWN_VENDOR = "unknown";
    private static final int MAX_MESSAGE = 1000;

    public static DeadLetter of(Throwable error, String sourceTopic, int partition, long offset, String vendor,
                                byte[] key, byte[] value, Headers originalHeaders) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return new DeadLetter(error.getClass().getName(),
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message,
                sourceTopic, partition, offset, vendor == null ? UNKNOWN_VENDOR : vendor, key, value, originalHeaders);
    }

    /** The original headers (minus any earlier pw.* ones) followed by the DLQ headers. */
    public Headers headers() {
        RecordHeaders h = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header header : originalHeaders) {
                if (!header.key().startsWith("pw.error.") && !header.key().startsWith("pw.source.")) {
                    h.add(header);
                }
            }
        }
        h.remove(VENDOR);
        h.add(ERROR_CLASS, utf8(errorClass));
        h.add(ERROR_MESSAGE, utf8(errorMessage));
        h.add(SOURCE_TOPIC, utf8(sourceTopic == null ? "" : sourceTopic));
        h.add(SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
        h.add(SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
        h.add(VENDOR, utf8(vendor));
        return h;
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(String dlqTopic) {
        return new ProducerRecord<>(dlqTopic, null, key, value, headers());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
