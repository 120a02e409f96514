package io.packwatch.streams.dlq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output records that cannot be written. A record that can never succeed (cannot be serialized, too large) goes to
 * the DLQ with the source record's original bytes and processing resumes. Schema registry trouble is not a property of
 * the record ({@link RegistryTrouble}): it fails the task (the uncaught exception handler replaces the thread, which
 * retries) instead of flooding the DLQ with good records. Retriable broker errors are retried.
 *
 * <p>The DLQ path itself cannot fail a task on size: a DLQ record refused as too large (a broker or topic limit
 * smaller than the producer's) is replaced by its reference copy; a reference copy refused too is logged with the
 * source coordinates and skipped, since retrying it would fail the same way forever and stop the pipeline.
 */
public class DlqProductionExceptionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DlqProductionExceptionHandler.class);
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
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException) {
            return dlqTopic.equals(record.topic()) ? shrink(record, exception) : toDlq(context, record.topic(), exception);
        }
        return Response.fail();
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (RegistryTrouble.isCause(exception)) {
            LOG.error("schema registry trouble while writing to {}; failing the task so it is retried: {}", record.topic(),
                    exception.getMessage());
            return Response.fail();
        }
        return toDlq(context, record.topic(), exception);
    }

    private Response toDlq(ErrorHandlerContext context, String outputTopic, Exception exception) {
        DeadLetter letter = DeadLetter.of(exception, context.topic(), context.partition(), context.offset(),
                VendorOfTopic.of(context.topic()), context.sourceRawKey(), context.sourceRawValue(), context.headers())
                .fitting(maxRecordBytes);
        LOG.warn("record for {} from {}-{}@{} cannot be produced, sent to {}{}: {}", outputTopic, context.topic(),
                context.partition(), context.offset(), dlqTopic, letter.isReference() ? " as a reference copy" : "",
                letter.errorMessage());
        deadLetters.incrementAndGet();
        return Response.resume(List.of(letter.toProducerRecord(dlqTopic)));
    }

    private Response shrink(ProducerRecord<byte[], byte[]> refused, Exception exception) {
        DeadLetter letter = DeadLetter.fromDlqRecord(refused);
        if (DeadLetter.isReferenceCopy(refused.headers())) {
            LOG.error("reference copy of {}-{}@{} refused by {} ({}); not written: the original stays in its source"
                            + " topic until retention; check max.message.bytes of {}", letter.sourceTopic(),
                    letter.sourcePartition(), letter.sourceOffset(), dlqTopic, exception.getMessage(), dlqTopic);
            return Response.resume();
        }
        LOG.warn("dead letter of {}-{}@{} refused by {} ({}); writing a reference copy", letter.sourceTopic(),
                letter.sourcePartition(), letter.sourceOffset(), dlqTopic, exception.getMessage());
        deadLetters.incrementAndGet();
        return Response.resume(List.of(letter.reference().toProducerRecord(dlqTopic)));
    }
}
