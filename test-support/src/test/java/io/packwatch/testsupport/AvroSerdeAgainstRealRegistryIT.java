package io.packwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.core.registry.HttpSchemaRegistryClient;
import io.packwatch.core.registry.SchemaRegistryConfig;
import io.packwatch.core.registry.SchemaRegistryException;
import io.packwatch.core.serde.SpecificAvroDeserializer;
import io.packwatch.core.serde.SpecificAvroSerializer;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 2's four proofs that our serde speaks the Confluent wire format with a real registry over a real broker. */
@ExtendWith(KafkaAndRegistryExtension.class)
class AvroSerdeAgainstRealRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void snapshotProducedWithOurSerdeIsConsumedBackEqualAndTheSubjectIsRegistered() throws Exception {
        Topics topics = Topics.create(Topics.DEFAULT_PREFIX, TestInfra.serdeConfig());
        String topic = topics.packages().name();
        KafkaTestClients.createTopics(1, topic);
        PackageSnapshot snapshot = snapshot("tfp-roundtrip");

        try (var producer = new KafkaProducer<>(KafkaTestClients.producerProps(), new StringSerializer(),
                topics.packages().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, snapshot.getPackageKey(), snapshot)).get();
        }

        List<ConsumerRecord<String, PackageSnapshot>> records = KafkaTestClients.drain(List.of(topic),
                new StringDeserializer(), topics.packages().valueSerde().deserializer(), 1, Duration.ofSeconds(30));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(snapshot.getPackageKey());
            assertThat(r.value()).isEqualTo(snapshot);
        });
        assertThat(get("/subjects")).contains("\"packwatch.packages-value\"");
    }

    @Test
    void recordBuiltFromTheRegistryRestApiAloneDecodesThroughOurDeserializer() throws Exception {
        String topic = KafkaTestClients.unique("handmade");
        KafkaTestClients.createTopics(1, topic);
        Schema schema = PackageSnapshot.getClassSchema();
        String answer = post("/subjects/" + topic + "-value/versions",
                JSON.createObjectNode().put("schema", schema.toString()).toString());
        int id = JSON.readTree(answer).path("id").asInt();
        assertThat(id).isPositive();

        PackageSnapshot expected = snapshot("tfp-handmade");
        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        avro.write(0);
        avro.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
        new GenericDatumWriter<GenericRecord>(schema).write(toGeneric(expected, schema), encoder);
        encoder.flush();
        produceRaw(topic, avro.toByteArray());

        var deserializer = new SpecificAvroDeserializer<>(PackageSnapshot.class);
        deserializer.configure(TestInfra.serdeConfig(), false);
        List<ConsumerRecord<String, PackageSnapshot>> records = KafkaTestClients.drain(List.of(topic),
                new StringDeserializer(), deserializer, 1, Duration.ofSeconds(30));
        assertThat(records).singleElement().extracting(ConsumerRecord::value).isEqualTo(expected);
    }

    @Test
    void readerOnTheNewerSchemaReadsDataWrittenWithTheOlderOne() throws Exception {
        String topic = KafkaTestClients.unique("evolved");
        KafkaTestClients.createTopics(1, topic);
        Schema older = olderSnapshotSchema();
        var registry = new HttpSchemaRegistryClient(SchemaRegistryConfig.from(TestInfra.serdeConfig()));
        int olderId = registry.register(topic + "-value", older);
        // The current schema only adds optional fields with defaults: the registry (BACKWARD) accepts it.
        int newerId = registry.register(topic + "-value", PackageSnapshot.getClassSchema());
        assertThat(newerId).isNotEqualTo(olderId);

        PackageSnapshot full = snapshot("tfp-evolved");
        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        avro.write(0);
        avro.writeBytes(ByteBuffer.allocate(4).putInt(olderId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
        new GenericDatumWriter<GenericRecord>(older).write(toGeneric(full, older), encoder);
        encoder.flush();
        produceRaw(topic, avro.toByteArray());

        var deserializer = new SpecificAvroDeserializer<>(PackageSnapshot.class);
        deserializer.configure(TestInfra.serdeConfig(), false);
        PackageSnapshot read = KafkaTestClients.drain(List.of(topic), new StringDeserializer(), deserializer, 1,
                Duration.ofSeconds(30)).get(0).value();
        assertThat(read.getPackageKey()).isEqualTo(full.getPackageKey());
        assertThat(read.getUsed()).isEqualTo(full.getUsed());
        assertThat(read.getExpiresAt()).as("not in the older schema: reader default").isNull();
        assertThat(read.getTags()).as("reader default").isEmpty();
    }

    @Test
    void incompatibleRegistrationSurfacesThe409AsAClearException() {
        String subject = KafkaTestClients.unique("incompatible") + "-value";
        var registry = new HttpSchemaRegistryClient(SchemaRegistryConfig.from(TestInfra.serdeConfig()));
        registry.setCompatibility(subject, "BACKWARD");
        registry.register(subject, PackageSnapshot.getClassSchema());
        Schema incompatible = withRequiredField(PackageSnapshot.getClassSchema(), "costCenter");

        assertThatThrownBy(() -> registry.register(subject, incompatible))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).isIncompatible()).isTrue())
                .hasMessageContaining("incompatible")
                .hasMessageContaining(subject);

        // Through the Kafka serializer it is a SerializationException, which a producer or a DLQ handler can route:
        // the subject holds a schema the current PackageSnapshot cannot read (it lacks every other required field).
        String topic = KafkaTestClients.unique("incompatible-serde");
        registry.setCompatibility(topic + "-value", "BACKWARD");
        registry.register(topic + "-value", SchemaBuilder.record("PackageSnapshot").namespace("io.packwatch.schema")
                .fields().requiredString("packageKey").endRecord());
        var serializer = new SpecificAvroSerializer<PackageSnapshot>();
        serializer.configure(TestInfra.serdeConfig(), false);
        assertThatThrownBy(() -> serializer.serialize(topic, snapshot("tfp-409")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining(topic + "-value");
    }

    @Test
    void concurrentFirstRegistrationsOfANewSubjectAllGetTheSameId() throws Exception {
        // Two streams instances starting together used to race here: Apicurio answers the loser with 409.
        String subject = KafkaTestClients.unique("race") + "-value";
        int clients = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                var registry = new HttpSchemaRegistryClient(SchemaRegistryConfig.from(TestInfra.serdeConfig()));
                ids.add(pool.submit(() -> {
                    start.await();
                    return registry.register(subject, PackageSnapshot.getClassSchema());
                }));
            }
            start.countDown();
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (var id : ids) {
                distinct.add(id.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static PackageSnapshot snapshot(String packageId) {
        return PackageSnapshot.newBuilder()
                .setPackageKey("tencent-vpc/prod/ap-guangzhou/" + packageId)
                .setVendor(Vendor.TENCENT).setProduct(Product.VPC)
                .setAccount("prod").setRegion("ap-guangzhou").setPackageId(packageId).setName("shared-10g")
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(10_737_418_240L).setUsed(2_684_354_560L).setRemaining(8_053_063_680L)
                .setStatus(PackageStatus.ACTIVE).setVendorStatus("AVAILABLE").setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCreatedAt(Instant.parse("2022-08-31T11:42:37Z")).setExpiresAt(Instant.parse("2022-09-30T11:42:37Z"))
                .setTags(Map.of("team", "cdn"))
                .setObservedAt(Instant.parse("2024-07-16T10:46:08.120Z")).setPollId("poll-it")
                .build();
    }

    /** PackageSnapshot as it might have been before the optional fields were added: only the required ones. */
    static Schema olderSnapshotSchema() {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("PackageSnapshot")
                .namespace("io.packwatch.schema").fields();
        for (Schema.Field field : PackageSnapshot.getClassSchema().getFields()) {
            if (!field.hasDefaultValue()) {
                fields = fields.name(field.name()).doc(field.doc()).type(field.schema()).noDefault();
            }
        }
        return fields.endRecord();
    }

    private static Schema withRequiredField(Schema base, String name) {
        List<Schema.Field> fields = new java.util.ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), "added without a default", (Object) null));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static GenericRecord toGeneric(PackageSnapshot snapshot, Schema schema) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.name(), GenericData.get().deepCopy(field.schema(),
                    toGenericValue(field.schema(), snapshot.get(field.name()))));
        }
        return record;
    }

    private static Object toGenericValue(Schema schema, Object value) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Enum<?> e) {
            return new GenericData.EnumSymbol(schema, e.name());
        }
        if (value instanceof org.apache.avro.specific.SpecificRecord nested) {
            Schema nestedSchema = schema.getType() == Schema.Type.UNION
                    ? schema.getTypes().stream().filter(s -> s.getType() == Schema.Type.RECORD).findFirst().orElseThrow()
                    : schema;
            GenericData.Record record = new GenericData.Record(nestedSchema);
            for (Schema.Field f : nestedSchema.getFields()) {
                record.put(f.name(), nested.get(f.pos()));
            }
            return record;
        }
        return value;
    }

    private void produceRaw(String topic, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(KafkaTestClients.producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        }
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(TestInfra.registry().url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(TestInfra.registry().url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
