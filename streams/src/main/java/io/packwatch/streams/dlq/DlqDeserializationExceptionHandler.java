package io.packwatch.streams.dlq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose key or value cannot be deserialized goes to the DLQ with the Packwatch headers and processing
 * resumes. Uses the Kafka 4.x handler response carrying dead-letter records (KIP-1034), so the DLQ write is part of
 * the same transaction under exactly-once.
 */
public class DlqDeserializationExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DlqDeserializationExceptionHandler.class);
    private String dlqTopic;
    private int maxRecordBytes;
    private AtomicLong deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        dlqTopic = DlqTopicConfig.topic(configs);
        maxRecordBytes = RecordSize.dlqLimit(configs);
        deadLetters = DeadLetterCount.of(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetter letter = DeadLetter.of(exception, record.topic(), record.partition(), record.offset(),
                VendorOfTopic.of(record.topic()), record.key(), record.value(), record.headers());
        LOG.warn("undeserializable record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                dlqTopic, letter.errorMessage());
        deadLetters.incrementAndGet();
        return Response.resume(List.of(letter.fitting(maxRecordBytes).toProducerRecord(dlqTopic)));
    }
}
