package io.packwatch.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.registry.InMemorySchemaRegistryClient;
import io.packwatch.core.testdata.Snapshots;
import io.packwatch.schema.PackageSnapshot;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

    private final String scope = "serde-test-" + UUID.randomUUID();
    private final Map<String, String> config = Map.of("schema.registry.url", "mock://" + scope);

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @Test
    void roundTripsEveryFieldAndUsesTheWireFormat() {
        var serde = SpecificAvroSerde.forValues(PackageSnapshot.class, config);
        PackageSnapshot snapshot = Snapshots.lighthouse();

        byte[] bytes = serde.serializer().serialize("packwatch.packages", snapshot);

        ByteBuffer header = ByteBuffer.wrap(bytes);
        assertThat(header.get()).isZero();
        int id = header.getInt();
        assertThat(InMemorySchemaRegistryClient.forScope(scope).schemaById(id)).isEqualTo(PackageSnapshot.getClassSchema());
        assertThat(InMemorySchemaRegistryClient.forScope(scope).subjects()).containsExactly("packwatch.packages-value");
        assertThat(serde.deserializer().deserialize("packwatch.packages", bytes)).isEqualTo(snapshot);
    }

    @Test
    void keySubjectUsesTheKeySuffix() {
        var serializer = new SpecificAvroSerializer<PackageSnapshot>();
        serializer.configure(config, true);
        serializer.serialize("t", Snapshots.lighthouse());
        assertThat(InMemorySchemaRegistryClient.forScope(scope).subjects()).containsExactly("t-key");
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsAClearError() {
        var serializer = new SpecificAvroSerializer<PackageSnapshot>();
        serializer.configure(Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", "false"), false);
        assertThatThrownBy(() -> serializer.serialize("t", Snapshots.lighthouse()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject 't-value'");
    }

    @Test
    void nullIsATombstoneBothWays() {
        var serde = SpecificAvroSerde.forValues(PackageSnapshot.class, config);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void wrongMagicByteTruncationAndUnknownIdAreSerializationExceptions() {
        var serde = SpecificAvroSerde.forValues(PackageSnapshot.class, config);
        byte[] good = serde.serializer().serialize("t", Snapshots.lighthouse());

        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", wrongMagic))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 1");

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");

        byte[] cut = Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated or corrupt");

        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId).put(0, (byte) 0).putInt(1, 4242);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", unknownId))
                .isInstanceOf(SerializationException.class).hasMessageContaining("schema id 4242");
    }

    @Test
    void olderWriterSchemaIsResolvedAgainstTheGeneratedReader() throws Exception {
        // An "older" PackageSnapshot: only the fields without defaults; the reader fills the rest from defaults.
        Schema current = PackageSnapshot.getClassSchema();
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("PackageSnapshot")
                .namespace("io.packwatch.schema").fields();
        for (Schema.Field field : current.getFields()) {
            if (!field.hasDefaultValue()) {
                fields = fields.name(field.name()).type(field.schema()).noDefault();
            }
        }
        Schema older = fields.endRecord();
        GenericRecord old = new GenericData.Record(older);
        PackageSnapshot full = Snapshots.lighthouse();
        for (Schema.Field field : older.getFields()) {
            Object value = full.get(field.name());
            if (value instanceof java.time.Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof Enum<?> e) {
                value = new GenericData.EnumSymbol(field.schema(), e.name());
            }
            old.put(field.name(), value);
        }
        var registry = InMemorySchemaRegistryClient.forScope(scope);
        int id = registry.register("t-value", older);
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(WireFormat.header(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(old, encoder);
        encoder.flush();

        PackageSnapshot read = SpecificAvroSerde.forValues(PackageSnapshot.class, config)
                .deserializer().deserialize("t", out.toByteArray());

        assertThat(read.getPackageKey()).isEqualTo(full.getPackageKey());
        assertThat(read.getCapacity()).isEqualTo(full.getCapacity());
        assertThat(read.getObservedAt()).isEqualTo(full.getObservedAt());
        assertThat(read.getRegion()).isNull();
        assertThat(read.getTags()).isEmpty();
        assertThat(read.getOverflow()).isZero();
    }
}
