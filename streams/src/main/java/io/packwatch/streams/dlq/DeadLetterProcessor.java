package io.packwatch.streams.dlq;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link DeadLetter} value into the DLQ record: original key and value bytes, headers saying why; a reference
 * copy instead when the whole record would exceed the producer's request limit, so the DLQ write cannot fail on size.
 */
public class DeadLetterProcessor<K, V> extends ContextualProcessor<K, V, byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);
    private final int maxRecordBytes;
    private final AtomicLong deadLetters;
    private final Function<V, DeadLetter> letterOf;

    /**
     * @param kafkaConfig the app's Kafka settings, read for the producer's {@code max.request.size}
     * @param letterOf    the dead letter a value carries
     */
    public DeadLetterProcessor(Map<String, ?> kafkaConfig, Function<V, DeadLetter> letterOf) {
        this.letterOf = letterOf;
        this.maxRecordBytes = RecordSize.dlqLimit(kafkaConfig);
        this.deadLetters = DeadLetterCount.of(kafkaConfig);
    }

    @Override
    public void process(Record<K, V> record) {
        DeadLetter letter = letterOf.apply(record.value()).fitting(maxRecordBytes);
        if (letter.isReference()) {
            LOG.warn("dead letter for {}-{}@{} ({} bytes) exceeds {} bytes: the DLQ gets a reference copy",
                    letter.sourceTopic(), letter.sourcePartition(), letter.sourceOffset(), letter.original().valueSize(),
                    maxRecordBytes);
        }
        deadLetters.incrementAndGet();
        context().forward(new Record<>(letter.key(), letter.value(), record.timestamp(), letter.headers()));
    }
}
