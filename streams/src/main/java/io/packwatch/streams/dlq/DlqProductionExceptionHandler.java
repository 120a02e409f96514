package io.packwatch.streams.dlq;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 */
public class DlqProductionExceptionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DlqProductionExceptionHandler.class);
    private String dlqTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        dlqTopic = DlqTopicConfig.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            return toDlq(context, record.topic(), exception);
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
                VendorOfTopic.of(context.topic()), context.sourceRawKey(), context.sourceRawValue(), context.headers());
        LOG.warn("record for {} from {}-{}@{} cannot be produced, sent to {}: {}", outputTopic, context.topic(),
                context.partition(), context.offset(), dlqTopic, letter.errorMessage());
        return Response.resume(List.of(letter.toProducerRecord(dlqTopic)));
    }
}
