package io.packwatch.core.topics;

/**
 * The record size limits of the pipeline, stated once so that every stage agrees (docs/streams.md, "Record sizes").
 * Each stage's limit is above the one before it, with room for what that stage adds:
 * <ol>
 *   <li>a collector refuses a vendor response page larger than {@link #VENDOR_PAGE_MAX_BYTES} while reading it, before
 *       any item is built from it;</li>
 *   <li>a collector refuses a vendor item whose envelope (key + value) exceeds {@link #RAW_ENVELOPE_MAX_BYTES};</li>
 *   <li>the raw topics and the DLQ are created with {@code max.message.bytes} = {@link #TOPIC_MAX_MESSAGE_BYTES}
 *       (Kafka's broker default, set explicitly so a broker with a smaller default does not change it);</li>
 *   <li>the streams app's producer has {@code max.request.size} = {@link #PRODUCER_MAX_REQUEST_BYTES}; a dead letter
 *       that would not fit whole is replaced by a reference copy, so a record written to a raw topic by anything else,
 *       up to the broker's limit, still ends in the DLQ.</li>
 * </ol>
 */
public final class RecordLimits {
    /**
     * Largest vendor response page a collector reads. The largest documented page (1,000 items of about 1 KiB, Tencent
     * CDN) is about 1 MiB; sixteen times that is room for verbose vendors, and bounds what a hostile page can cost.
     */
    public static final int VENDOR_PAGE_MAX_BYTES = 16 * 1024 * 1024;
    /** Largest raw envelope a collector publishes: leaves the DLQ room for its headers below the producer limit. */
    public static final int RAW_ENVELOPE_MAX_BYTES = 900 * 1024;
    /** {@code max.message.bytes} of the raw topics and of the DLQ. */
    public static final int TOPIC_MAX_MESSAGE_BYTES = 1_048_588;
    /** {@code max.request.size} of the streams app's producer (Kafka's default, stated). */
    public static final int PRODUCER_MAX_REQUEST_BYTES = 1_048_576;

    private RecordLimits() {
    }
}
