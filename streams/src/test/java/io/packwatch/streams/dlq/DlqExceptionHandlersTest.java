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

    @Test
    void aDeadLetterTooLargeForTheProducerBecomesAReferenceCopyThatFits() {
        int limit = 1_048_576;
        byte[] big = new byte[limit - 100];
        java.util.Arrays.fill(big, (byte) 'x');
        RecordHeaders original = new RecordHeaders();
        original.add("pw.api", "baidu-eip".getBytes(StandardCharsets.UTF_8));
        DeadLetter whole = DeadLetter.of(new IllegalArgumentException("malformed JSON"), "packwatch.raw.baidu-eip", 1, 417,
                "baidu-eip", KEY, big, original);

        DeadLetter fitted = whole.fitting(limit);

        assertThat(fitted.isReference()).isTrue();
        assertThat(fitted.value()).hasSize(DeadLetter.REFERENCE_PREFIX_BYTES)
                .isEqualTo(java.util.Arrays.copyOf(big, DeadLetter.REFERENCE_PREFIX_BYTES));
        assertThat(fitted.key()).isEqualTo(KEY);
        Headers h = fitted.headers();
        assertThat(header(h, DeadLetter.COPY)).isEqualTo(DeadLetter.COPY_REFERENCE);
        assertThat(header(h, DeadLetter.ORIGINAL_VALUE_SIZE)).isEqualTo(String.valueOf(big.length));
        assertThat(header(h, DeadLetter.ORIGINAL_KEY_SIZE)).isEqualTo(String.valueOf(KEY.length));
        assertThat(header(h, DeadLetter.SOURCE_OFFSET)).isEqualTo("417");
        assertThat(header(h, DeadLetter.ERROR_MESSAGE)).isEqualTo("malformed JSON");
        assertThat(header(h, "pw.api")).isEqualTo("baidu-eip");
        assertThat(RecordSize.upperBound(fitted.key(), fitted.value(), h)).isLessThan(limit);

        DeadLetter small = DeadLetter.of(new IllegalArgumentException("bad"), "t", 0, 0, "v", KEY, VALUE, null);
        assertThat(small.fitting(limit)).isSameAs(small);
        assertThat(header(small.headers(), DeadLetter.COPY)).isEqualTo(DeadLetter.COPY_WHOLE);
    }

    @Test
    void hugeOriginalHeadersAreLeftOutOfAReferenceCopyAndCounted() {
        RecordHeaders original = new RecordHeaders();
        for (int i = 0; i < 3; i++) {
            original.add("h" + i, new byte[DeadLetter.REFERENCE_HEADER_BYTES]);
        }
        DeadLetter letter = DeadLetter.of(new IllegalArgumentException("bad"), "t", 0, 0, "v", KEY, VALUE, original)
                .fitting(DeadLetter.REFERENCE_HEADER_BYTES);
        assertThat(letter.isReference()).isTrue();
        assertThat(letter.headers().lastHeader("h0")).isNull();
        assertThat(header(letter.headers(), DeadLetter.ORIGINAL_HEADERS_DROPPED)).isEqualTo("3");
    }

    @Test
    void aDlqRecordRefusedForItsSizeIsShrunkOnceThenSkippedNeverFailed() {
        DlqProductionExceptionHandler handler = new DlqProductionExceptionHandler();
        handler.configure(CONFIG);
        byte[] big = new byte[2 * DeadLetter.REFERENCE_PREFIX_BYTES];
        DeadLetter letter = DeadLetter.of(new IllegalArgumentException("malformed JSON"), "packwatch.raw.baidu-eip", 1, 417,
                "baidu-eip", KEY, big, null);

        ProductionExceptionHandler.Response first = handler.handleError(context("packwatch.raw.baidu-eip"),
                letter.toProducerRecord("pw.dlq"), new RecordTooLargeException("The message is 1049144 bytes"));

        assertThat(first.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> reference = first.deadLetterQueueRecords().get(0);
        assertThat(reference.topic()).isEqualTo("pw.dlq");
        assertThat(reference.value()).hasSize(DeadLetter.REFERENCE_PREFIX_BYTES);
        assertThat(header(reference.headers(), DeadLetter.COPY)).isEqualTo(DeadLetter.COPY_REFERENCE);
        assertThat(header(reference.headers(), DeadLetter.ERROR_MESSAGE)).isEqualTo("malformed JSON");
        assertThat(header(reference.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo("packwatch.raw.baidu-eip");
        assertThat(header(reference.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("417");
        assertThat(header(reference.headers(), DeadLetter.ORIGINAL_VALUE_SIZE)).isEqualTo(String.valueOf(big.length));

        ProductionExceptionHandler.Response second = handler.handleError(context("packwatch.raw.baidu-eip"), reference,
                new RecordTooLargeException("still too large"));
        assertThat(second.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(second.deadLetterQueueRecords()).isEmpty();
    }
}
