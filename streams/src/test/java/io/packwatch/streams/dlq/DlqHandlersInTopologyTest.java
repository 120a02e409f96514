package io.packwatch.streams.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.StreamsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams itself writes the dead-letter records our deserialization handler returns (KIP-1034): an undecodable
 * Avro record on a consumed topic lands on the DLQ with the Packwatch headers and processing goes on. Run at-least-once
 * here: TopologyTestDriver under exactly-once does not surface the handler's records (DlqHandlersIT checks exactly-once
 * on the real broker).
 */
class DlqHandlersInTopologyTest {
    @TempDir
    Path stateDir;

    private static PackageSnapshot snapshot(String id) {
        return PackageSnapshot.newBuilder().setPackageKey("baidu-eip/a/bj/" + id).setVendor(io.packwatch.schema.Vendor.BAIDU)
                .setProduct(io.packwatch.schema.Product.EIP).setAccount("a").setPackageId(id)
                .setKind(io.packwatch.schema.PackageKind.TRAFFIC).setUnit(io.packwatch.schema.AmountUnit.BYTES)
                .setCapacity(1L).setUsed(0L).setRemaining(1L).setStatus(io.packwatch.schema.PackageStatus.ACTIVE)
                .setDeductPolicy(io.packwatch.schema.DeductPolicy.FULL_TIME).setObservedAt(Instant.EPOCH).setPollId("p").build();
    }

    @Test
    void undecodableAvroRecordGoesToTheDlqThroughTheDeserializationHandler() {
        StreamsSettings settings = StreamsSettings.fromMap(Map.of("bootstrap.servers", "unused:9092",
                "schema.registry.url", "mock://dlq-" + UUID.randomUUID(), StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        var packages = settings.topics().packages();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(packages.name(), Consumed.with(packages.keySerde(), packages.valueSerde()).withName("read-packages"))
                .mapValues(PackageSnapshot::getPackageId, Named.as("ids"))
                .to("ids", Produced.with(Serdes.String(), Serdes.String()).withName("ids-sink"));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(settings.streamsProperties()), settings.streamsProperties())) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(packages.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(settings.topics().dlq().name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            byte[] notAvro = "{\"json\":true}".getBytes(StandardCharsets.UTF_8);
            in.pipeInput("k", notAvro, Instant.parse("2024-07-16T10:46:08Z"));
            in.pipeInput("k2", packages.valueSerde().serializer().serialize(packages.name(), snapshot("tp-good")),
                    Instant.parse("2024-07-16T10:46:09Z"));

            TestRecord<byte[], byte[]> dead = dlq.readRecord();
            assertThat(dead.value()).isEqualTo(notAvro);
            assertThat(new String(dead.headers().lastHeader(DeadLetter.ERROR_CLASS).value(), StandardCharsets.UTF_8))
                    .isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(new String(dead.headers().lastHeader(DeadLetter.SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                    .isEqualTo("packwatch.packages");
            assertThat(dlq.isEmpty()).isTrue();
            assertThat(driver.createOutputTopic("ids", Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readValuesToList()).containsExactly("tp-good");
        }
    }
}
