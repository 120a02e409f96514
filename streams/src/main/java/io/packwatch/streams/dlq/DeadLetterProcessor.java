package io.packwatch.streams.dlq;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/** Turns a {@link DeadLetter} value into the DLQ record: original key and value bytes, headers saying why. */
public class DeadLetterProcessor<K> extends ContextualProcessor<K, DeadLetter, byte[], byte[]> {

    @Override
    public void process(Record<K, DeadLetter> record) {
        DeadLetter letter = record.value();
        context().forward(new Record<>(letter.key(), letter.value(), record.timestamp(), letter.headers()));
    }
}
