package io.packwatch.streams.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** On the real broker under exactly-once: the deserialization handler's dead letter is committed and visible. */
@ExtendWith(KafkaAndRegistryExtension.class)
class DlqHandlersIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void undecodableRecordIsDeadLetteredUnderExactlyOnce() throws Exception {
        String prefix = KafkaTestClients.unique("pwdlq");
        StreamsSettings settings = StreamsSettings.fromMap(Map.of(
                "bootstrap.servers", TestInfra.kafka().bootstrapServers(),
                "schema.registry.url", TestInfra.registry().url(),
                "application.id", KafkaTestClients.unique("pwdlq-app"),
                "packwatch.topic.prefix", prefix,
                "state.dir", stateDir.toString(),
                "commit.interval.ms", "100"));
        String packages = settings.topics().packages().name();
        KafkaTestClients.createTopics(1, packages, settings.topics().dlq().name(), prefix + ".ids");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(packages, Consumed.with(Serdes.String(), settings.topics().packages().valueSerde()).withName("read-packages"))
                .mapValues(PackageSnapshot::getPackageId, Named.as("ids"))
                .to(prefix + ".ids", Produced.with(Serdes.String(), Serdes.String()).withName("ids-sink"));

        byte[] notAvro = "{\"json\":true}".getBytes(StandardCharsets.UTF_8);
        SpecificAvroSerde<PackageSnapshot> serde = new SpecificAvroSerde<>(PackageSnapshot.class);
        serde.configure(TestInfra.serdeConfig(), false);
        PackageSnapshot good = PackageSnapshot.newBuilder().setPackageKey("k2").setVendor(Vendor.BAIDU).setProduct(Product.EIP)
                .setAccount("a").setPackageId("tp-good").setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(1L).setUsed(0L).setRemaining(1L).setStatus(PackageStatus.ACTIVE)
                .setDeductPolicy(DeductPolicy.FULL_TIME).setObservedAt(Instant.EPOCH).setPollId("p").build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(packages, "k1", notAvro));
            producer.send(new ProducerRecord<>(packages, "k2", serde.serializer().serialize(packages, good)));
        }

        try (KafkaStreams streams = new KafkaStreams(builder.build(settings.streamsProperties()), settings.streamsProperties())) {
            streams.start();
            List<ConsumerRecord<String, String>> ids = KafkaTestClients.drain(List.of(prefix + ".ids"),
                    new StringDeserializer(), new StringDeserializer(), 1, WAIT);
            assertThat(ids).extracting(ConsumerRecord::value).containsExactly("tp-good");
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClients.drain(List.of(settings.topics().dlq().name()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1, WAIT);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo(notAvro);
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetter.SOURCE_OFFSET).value(), StandardCharsets.UTF_8))
                    .isEqualTo("0");
            streams.close(Duration.ofSeconds(20));
        }
    }
}
