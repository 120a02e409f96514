package io.packwatch.streams.dlq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safety net for an exception thrown out of a processor (the normalizer itself turns bad data into values and never
 * throws here): the source record's original bytes go to the DLQ and processing resumes. Schema registry trouble
 * (e.g. writing the store changelog) is not the record's fault and fails the task instead ({@link RegistryTrouble}).
 */
public class DlqProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DlqProcessingExceptionHandler.class);
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
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (RegistryTrouble.isCause(exception)) {
            LOG.error("processor {} hit schema registry trouble on {}-{}@{}; failing the task so it is retried: {}",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        DeadLetter letter = DeadLetter.of(exception, context.topic(), context.partition(), context.offset(),
                VendorOfTopic.of(context.topic()), context.sourceRawKey(), context.sourceRawValue(), context.headers());
        LOG.warn("processor {} failed on {}-{}@{}; record sent to {}", context.processorNodeId(), context.topic(),
                context.partition(), context.offset(), dlqTopic, exception);
        deadLetters.incrementAndGet();
        return Response.resume(List.of(letter.fitting(maxRecordBytes).toProducerRecord(dlqTopic)));
    }
}
