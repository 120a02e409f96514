package io.packwatch.lake;

import static io.packwatch.lake.LakeSinkIT.DUCKDB_JAR;
import static io.packwatch.lake.LakeSinkIT.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A compatible new PackageSnapshot version becomes a new column; a corrupt record is dead-lettered, nothing else lost. */
@ExtendWith(KafkaAndRegistryExtension.class)
class LakeSchemaAndDeadLetterIT {

    static final byte[] CORRUPT = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void newOptionalFieldBecomesAColumnAndACorruptRecordGoesToTheDeadLetterTopic() throws Exception {
        String prefix = KafkaTestClients.unique("lake-evo");
        Topics topics = LakeSinkIT.createTopics(prefix);
        String topic = topics.packages().name();
        List<PackageSnapshot> v1 = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            v1.add(LakeRecords.snapshot(n));
        }
        LakeSinkIT.produce(topic, topics.packages().valueSerde().serializer(), v1, PackageSnapshot::getPackageKey);

        Schema v2 = withContractId(PackageSnapshot.getClassSchema());
        int v2Id = SchemaRegistryClients.fromConfig(TestInfra.serdeConfig()).register(topic + "-value", v2);
        RecordMetadata corruptAt;
        try (var producer = new KafkaProducer<>(KafkaTestClients.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            corruptAt = producer.send(new ProducerRecord<>(topic, "corrupt-key", CORRUPT)).get();
            for (int n = 30; n < 60; n++) {
                PackageSnapshot snapshot = LakeRecords.snapshot(n);
                producer.send(new ProducerRecord<>(topic, snapshot.getPackageKey(), encode(v2, v2Id, snapshot, "contract-" + n)));
            }
            producer.flush();
        }

        Path warehouse = dir.resolve("warehouse");
        LakeSettings settings = LakeSinkIT.settings(prefix, warehouse, Duration.ofSeconds(1));
        try (LakeWorker worker = LakeWorker.start(settings, Map.of());
             LakeTablesReader lake = new LakeTablesReader(warehouse)) {
            worker.awaitRunning(Duration.ofMinutes(1));
            await().atMost(LakeSinkIT.COMMIT_WAIT).until(() -> lake.rows("packages").size() >= 60);

            List<Record> rows = lake.rows("packages");
            assertThat(rows).hasSize(60);
            Types.NestedField column = lake.table("packages").schema().findField("contractId");
            assertThat(column).isNotNull();
            assertThat(column.isOptional()).isTrue();
            for (Record row : rows) {
                int n = Integer.parseInt(((String) row.getField("pollId")).substring("poll-".length()));
                assertThat(row.getField("contractId")).as("row of poll-" + n).isEqualTo(n < 30 ? null : "contract-" + n);
            }
            try (LakeQuery query = LakeQuery.open(warehouse, DUCKDB_JAR); Statement sql = query.connection().createStatement()) {
                assertThat(single(sql, "SELECT count(*) FROM packages WHERE contractId IS NULL")).isEqualTo(30L);
                assertThat(single(sql, "SELECT contractId FROM packages WHERE pollId = 'poll-59'")).isEqualTo("contract-59");
            }

            // the corrupt record: on the dead-letter topic, bytes intact, headers naming where it came from and why
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClients.drain(List.of(settings.deadLetterTopic()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1, Duration.ofSeconds(30));
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(CORRUPT);
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("corrupt-key");
                assertThat(header(record, "__connect.errors.topic")).isEqualTo(topic);
                assertThat(header(record, "__connect.errors.partition")).isEqualTo(String.valueOf(corruptAt.partition()));
                assertThat(header(record, "__connect.errors.offset")).isEqualTo(String.valueOf(corruptAt.offset()));
                assertThat(header(record, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
                assertThat(header(record, "__connect.errors.exception.class.name")).isNotBlank();
            });
            assertThat(worker.status().values()).allSatisfy(status ->
                    assertThat(status.tasks()).allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING")));
        }
    }

    private static Schema withContractId(Schema v1) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : v1.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("contractId", SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
                "Finance contract the package was bought under (test-only field).", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    private static byte[] encode(Schema v2, int id, PackageSnapshot snapshot, String contractId) throws Exception {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericRecord record = new GenericData.Record(v2);
        for (Schema.Field field : PackageSnapshot.getClassSchema().getFields()) {
            record.put(field.name(), snapshot.get(field.name()));
        }
        record.put("contractId", contractId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v2, model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
