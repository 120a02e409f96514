package io.packwatch.streams.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The exception handlers answer with a DLQ record carrying the Packwatch headers and the original bytes. */
class DlqExceptionHandlersTest {
    private static final Map<String, String> CONFIG = Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "pw.dlq");
    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 42, 1};

    private static String header(Headers h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context(String topic) {
        return new ErrorHandlerContext() {
            public String topic() { return topic; }
            public int partition() { return 3; }
            public long offset() { return 77; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "n"; }
            public TaskId taskId() { return new TaskId(0, 3); }
            public long timestamp() { return 1L; }
            public byte[] sourceRawKey() { return KEY; }
            public byte[] sourceRawValue() { return VALUE; }
        };
    }

    @Test
    void deserializationFailureGoesToTheDlqAndProcessingResumes() {
        DlqDeserializationExceptionHandler handler = new DlqDeserializationExceptionHandler();
        handler.configure(CONFIG);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("packwatch.packages", 3, 77, KEY, VALUE);
        DeserializationExceptionHandler.Response response = handler.handleError(context("packwatch.packages"), record,
                new SerializationException("unknown magic byte 1"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("pw.dlq");
        assertThat(dead.key()).isEqualTo(KEY);
        assertThat(dead.value()).isEqualTo(VALUE);
        assertThat(header(dead.headers(), DeadLetter.ERROR_CLASS)).isEqualTo(SerializationException.class.getName());
        assertThat(header(dead.headers(), DeadLetter.ERROR_MESSAGE)).isEqualTo("unknown magic byte 1");
        assertThat(header(dead.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo("packwatch.packages");
        assertThat(header(dead.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(dead.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("77");
        assertThat(header(dead.headers(), DeadLetter.VENDOR)).isEqualTo("unknown");
    }

    @Test
    void unserializableOutputGoesToTheDlqWithTheSourceBytes() {
        DlqProductionExceptionHandler handler = new DlqProductionExceptionHandler();
        handler.configure(CONFIG);
        ProductionExceptionHandler.Response response = handler.handleSerializationError(context("packwatch.raw.baidu-eip"),
                new ProducerRecord<>("packwatch.packages", "k", "v"), new SerializationException("cannot Avro-encode"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.value()).isEqualTo(VALUE);
        assertThat(header(dead.headers(), DeadLetter.VENDOR)).isEqualTo("baidu-eip");
        assertThat(header(dead.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo("packwatch.raw.baidu-eip");
    }

    @Test
    void registryOutageFailsTheTaskInsteadOfFloodingTheDlq() {
        DlqProductionExceptionHandler handler = new DlqProductionExceptionHandler();
        handler.configure(CONFIG);
        SerializationException outage = new SerializationException("registry down",
                new SchemaRegistryException("unreachable", 0, new java.net.ConnectException("refused")));
        assertThat(handler.handleSerializationError(context("t"), new ProducerRecord<>("o", "v"), outage,
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE).result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void brokerErrorsAreRetriedOrDeadLettered() {
        DlqProductionExceptionHandler handler = new DlqProductionExceptionHandler();
        handler.configure(CONFIG);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("packwatch.packages", KEY, VALUE);
        assertThat(handler.handleError(context("t"), record, new TimeoutException("slow")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        ProductionExceptionHandler.Response tooLarge = handler.handleError(context("t"), record, new RecordTooLargeException("big"));
        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(tooLarge.deadLetterQueueRecords()).hasSize(1);
    }

    @Test
    void processingFailuresAreDeadLetteredUnlessTheRegistryIsToBlame() {
        DlqProcessingExceptionHandler handler = new DlqProcessingExceptionHandler();
        handler.configure(CONFIG);
        org.apache.kafka.streams.processor.api.Record<String, String> record =
                new org.apache.kafka.streams.processor.api.Record<>("k", "v", 1L);
        org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response bug =
                handler.handleError(context("packwatch.raw.tencent-live"), record, new IllegalStateException("bug"));
        assertThat(bug.result()).isEqualTo(org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result.RESUME);
        assertThat(bug.deadLetterQueueRecords().get(0).value()).isEqualTo(VALUE);
        assertThat(header(bug.deadLetterQueueRecords().get(0).headers(), DeadLetter.VENDOR)).isEqualTo("tencent-live");

        SerializationException race = new SerializationException("409",
                new SchemaRegistryException("artifact already exists", 409));
        assertThat(handler.handleError(context("t"), record, race).result())
                .isEqualTo(org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result.FAIL);
    }
}
