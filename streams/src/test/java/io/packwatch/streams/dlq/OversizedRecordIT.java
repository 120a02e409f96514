package io.packwatch.streams.dlq;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.topics.RecordLimits;
import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.AppItSettings;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record that used to stop the pipeline for good (issue 13): a raw value just under 1 MiB, and one whose batch is
 * exactly the raw topic's {@code max.message.bytes}, both accepted by the broker. Under exactly-once on the real
 * broker and registry, each lands in the DLQ as a reference copy, the record behind them is processed, and a restarted
 * app neither stops on them nor writes them twice.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class OversizedRecordIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Instant COLLECTED = Instant.parse("2024-07-16T10:46:08Z");
    private static final String KEY = "baidu-eip/acct/bj/tp-big";
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<StreamsApp> apps = new ArrayList<>();

    @TempDir
    Path stateDir;

    @AfterEach
    void stop() {
        apps.forEach(app -> app.close(Duration.ofSeconds(20)));
    }

    @Test
    void oversizedRawRecordsAreDeadLetteredAsReferenceCopiesAndTheAppKeepsRunningAcrossARestart() throws Exception {
        String prefix = KafkaTestClients.unique("pwbig");
        StreamsSettings settings = settings(prefix, KafkaTestClients.unique("pwbig-app"));
        StreamsApp app = start(settings);
        String raw = prefix + ".raw.baidu-eip";

        byte[] justUnderOneMiB = filled(1_048_440);
        byte[] atTheLimit = filled(valueSizeForBatchOf(RecordLimits.TOPIC_MAX_MESSAGE_BYTES));
        try (KafkaProducer<String, byte[]> producer = bigRecordProducer()) {
            producer.send(new ProducerRecord<>(raw, 0, KEY, justUnderOneMiB)).get();
            producer.send(new ProducerRecord<>(raw, 0, KEY, atTheLimit)).get();
            // the control that makes "exactly the limit" mean something: one byte more is refused by the broker
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(raw, 0, KEY, filled(atTheLimit.length + 1))).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
            producer.send(new ProducerRecord<>(raw, 0, "baidu-eip/acct/bj/tp-after", good("tp-after"))).get();
        }

        assertThat(awaitPackages(prefix, 1)).containsExactly("baidu-eip/acct/bj/tp-after");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(prefix + ".dlq");
        assertThat(dead).hasSize(2);
        assertReferenceCopy(dead.get(0), raw, 0, justUnderOneMiB);
        assertReferenceCopy(dead.get(1), raw, 1, atTheLimit);
        assertThat(app.streams().state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);

        app.close(Duration.ofSeconds(30));
        StreamsApp restarted = start(settings);
        try (KafkaProducer<String, byte[]> producer = bigRecordProducer()) {
            producer.send(new ProducerRecord<>(raw, 0, "baidu-eip/acct/bj/tp-restart", good("tp-restart"))).get();
        }
        assertThat(awaitPackages(prefix, 2)).containsExactly("baidu-eip/acct/bj/tp-after", "baidu-eip/acct/bj/tp-restart");
        assertThat(readAll(prefix + ".dlq")).as("dead letters after the restart").hasSize(2);
        assertThat(health(restarted)).isEqualTo(200);
    }

    private static void assertReferenceCopy(ConsumerRecord<byte[], byte[]> record, String sourceTopic, long offset, byte[] original) {
        assertThat(header(record, DeadLetter.COPY)).isEqualTo(DeadLetter.COPY_REFERENCE);
        assertThat(header(record, DeadLetter.SOURCE_TOPIC)).isEqualTo(sourceTopic);
        assertThat(header(record, DeadLetter.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(record, DeadLetter.SOURCE_OFFSET)).isEqualTo(String.valueOf(offset));
        assertThat(header(record, DeadLetter.ORIGINAL_VALUE_SIZE)).isEqualTo(String.valueOf(original.length));
        assertThat(header(record, DeadLetter.ERROR_MESSAGE)).contains("malformed JSON");
        assertThat(header(record, DeadLetter.VENDOR)).isEqualTo("baidu-eip");
        assertThat(record.value()).isEqualTo(Arrays.copyOf(original, DeadLetter.REFERENCE_PREFIX_BYTES));
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(KEY);
    }

    /** The value size whose single-record batch (no headers, uncompressed) is exactly {@code batchBytes}. */
    private static int valueSizeForBatchOf(int batchBytes) {
        int keySize = KEY.getBytes(StandardCharsets.UTF_8).length;
        for (int value = batchBytes - DefaultRecordBatch.RECORD_BATCH_OVERHEAD; value > 0; value--) {
            int size = DefaultRecordBatch.RECORD_BATCH_OVERHEAD + DefaultRecord.sizeInBytes(0, 0L, keySize, value, new Header[0]);
            if (size == batchBytes) {
                return value;
            }
        }
        throw new IllegalStateException("no value size gives a batch of " + batchBytes);
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        // not JSON: the normalizer dead-letters it
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static byte[] good(String id) {
        return bytes(pkg("baidu-eip", "acct", "bj", "poll-1", COLLECTED, json("{\"id\":\"" + id
                + "\",\"deductPolicy\":\"FullTimeDurationPackage\",\"packageType\":\"WebOutBytes\",\"status\":\"RUNNING\","
                + "\"capacity\":\"10737418240\",\"usedCapacity\":1000,\"createTime\":\"2021-08-10T11:40:57Z\","
                + "\"activeTime\":\"2021-08-10T11:41:16Z\",\"expireTime\":\"2099-09-10T11:41:16Z\"}")));
    }

    private static KafkaProducer<String, byte[]> bigRecordProducer() {
        Properties props = KafkaTestClients.producerProps();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private List<String> awaitPackages(String prefix, int expected) {
        SpecificAvroSerde<PackageSnapshot> serde = new SpecificAvroSerde<>(PackageSnapshot.class);
        serde.configure(TestInfra.serdeConfig(), false);
        return KafkaTestClients.drain(List.of(prefix + ".packages"), new StringDeserializer(), serde.deserializer(), expected, WAIT)
                .stream().map(ConsumerRecord::key).toList();
    }

    /** Every committed record of a one-partition topic, read up to its end (the last stable offset). */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> config = new java.util.HashMap<>();
        KafkaTestClients.consumerProps(KafkaTestClients.unique("read")).forEach((k, v) -> config.put(k.toString(), v));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return consumer.position(tp) >= end;
            });
        }
        return records;
    }

    private StreamsApp start(StreamsSettings settings) throws Exception {
        StreamsApp app = StreamsApp.start(settings.with(Map.of("packwatch.http.port", Integer.toString(AppItSettings.freePort()))));
        apps.add(app);
        await().atMost(WAIT).until(() -> health(app) == 200);
        return app;
    }

    private StreamsSettings settings(String prefix, String appId) {
        return AppItSettings.of(TestInfra.kafka().bootstrapServers(), TestInfra.registry().url(), prefix, appId, stateDir, Map.of());
    }

    private int health(StreamsApp app) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
