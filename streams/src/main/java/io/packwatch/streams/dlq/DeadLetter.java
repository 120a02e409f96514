package io.packwatch.streams.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record that could not be processed, with where it came from and why: what goes to {@code packwatch.dlq}.
 * Key and value are the original bytes; the headers say the rest (names in the constants below). A letter that would
 * not fit the producer's request limit is turned into a reference copy ({@link #fitting}): the first bytes of key and
 * value, the original sizes, and the source topic/partition/offset to fetch the original from while the raw topic
 * retains it.
 *
 * @param vendor   the vendor API id of the source topic ({@code tencent-vpc} ...), or {@code unknown}
 * @param original null for a whole copy; the original sizes for a reference copy
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
        Headers originalHeaders,
        Original original) {

    public static final String ERROR_CLASS = "pw.error.class";
    public static final String ERROR_MESSAGE = "pw.error.message";
    public static final String SOURCE_TOPIC = "pw.source.topic";
    public static final String SOURCE_PARTITION = "pw.source.partition";
    public static final String SOURCE_OFFSET = "pw.source.offset";
    public static final String VENDOR = "pw.vendor";
    /** {@code whole} (key and value are the original bytes) or {@code reference} (their first bytes only). */
    public static final String COPY = "pw.dlq.copy";
    public static final String COPY_WHOLE = "whole";
    public static final String COPY_REFERENCE = "reference";
    public static final String ORIGINAL_KEY_SIZE = "pw.original.key.size";
    public static final String ORIGINAL_VALUE_SIZE = "pw.original.value.size";
    public static final String ORIGINAL_HEADERS_DROPPED = "pw.original.headers.dropped";
    public static final String UNKNOWN_VENDOR = "unknown";
    /** How much of the original key and value a reference copy keeps. */
    public static final int REFERENCE_PREFIX_BYTES = 1024;
    /** A reference copy keeps the original headers only while they total at most this. */
    static final int REFERENCE_HEADER_BYTES = 8 * 1024;
    private static final int MAX_MESSAGE = 1000;

    /** What a reference copy replaced: the original sizes, and how many original headers it left out. */
    public record Original(int keySize, int valueSize, int headersDropped) {
    }

    public static DeadLetter of(Throwable error, String sourceTopic, int partition, long offset, String vendor,
                                byte[] key, byte[] value, Headers originalHeaders) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return new DeadLetter(error.getClass().getName(),
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message,
                sourceTopic, partition, offset, vendor == null ? UNKNOWN_VENDOR : vendor, key, value, originalHeaders, null);
    }

    /**
     * The letter a DLQ record was written from (its pw.* headers say where from and why), to shrink a DLQ record the
     * producer refused for its size into a reference copy without losing the original error.
     */
    static DeadLetter fromDlqRecord(ProducerRecord<byte[], byte[]> record) {
        Headers h = record.headers();
        return new DeadLetter(text(h, ERROR_CLASS, "unknown"), text(h, ERROR_MESSAGE, ""), text(h, SOURCE_TOPIC, ""),
                (int) number(h, SOURCE_PARTITION), number(h, SOURCE_OFFSET), text(h, VENDOR, UNKNOWN_VENDOR),
                record.key(), record.value(), h, null);
    }

    public boolean isReference() {
        return original != null;
    }

    /** This letter if its record fits {@code maxRecordBytes} whole, else its reference copy (which always fits). */
    public DeadLetter fitting(int maxRecordBytes) {
        return RecordSize.upperBound(key, value, headers()) <= maxRecordBytes ? this : reference();
    }

    /** The reference copy: the first {@value #REFERENCE_PREFIX_BYTES} bytes of key and value, sizes and source. */
    public DeadLetter reference() {
        if (isReference()) {
            return this;
        }
        int headerBytes = 0;
        int headerCount = 0;
        if (originalHeaders != null) {
            for (Header h : originalHeaders) {
                headerBytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
                headerCount++;
            }
        }
        boolean keepHeaders = headerBytes <= REFERENCE_HEADER_BYTES;
        return new DeadLetter(errorClass, errorMessage, sourceTopic, sourcePartition, sourceOffset, vendor,
                prefix(key), prefix(value), keepHeaders ? originalHeaders : null,
                new Original(length(key), length(value), keepHeaders ? 0 : headerCount));
    }

    /** The original headers (minus any earlier pw.* DLQ ones) followed by the DLQ headers. */
    public Headers headers() {
        RecordHeaders h = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header header : originalHeaders) {
                if (!isDlqHeader(header.key())) {
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
        h.add(COPY, utf8(isReference() ? COPY_REFERENCE : COPY_WHOLE));
        if (isReference()) {
            h.add(ORIGINAL_KEY_SIZE, utf8(Integer.toString(original.keySize())));
            h.add(ORIGINAL_VALUE_SIZE, utf8(Integer.toString(original.valueSize())));
            h.add(ORIGINAL_HEADERS_DROPPED, utf8(Integer.toString(original.headersDropped())));
        }
        return h;
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(String dlqTopic) {
        return new ProducerRecord<>(dlqTopic, null, key, value, headers());
    }

    /** Whether a record is already a reference copy (the last resort: if even that cannot be written, nothing is). */
    static boolean isReferenceCopy(Headers headers) {
        Header copy = headers == null ? null : headers.lastHeader(COPY);
        return copy != null && COPY_REFERENCE.equals(new String(copy.value(), StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String name, String absent) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? absent : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(Headers headers, String name) {
        try {
            return Long.parseLong(text(headers, name, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isDlqHeader(String key) {
        return key.startsWith("pw.error.") || key.startsWith("pw.source.") || key.startsWith("pw.dlq.")
                || key.startsWith("pw.original.");
    }

    private static byte[] prefix(byte[] bytes) {
        return bytes == null || bytes.length <= REFERENCE_PREFIX_BYTES ? bytes : Arrays.copyOf(bytes, REFERENCE_PREFIX_BYTES);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? -1 : bytes.length;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
