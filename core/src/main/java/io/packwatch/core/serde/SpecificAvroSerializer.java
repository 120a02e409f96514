package io.packwatch.core.serde;

import io.packwatch.core.registry.SchemaRegistryClient;
import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.core.registry.SchemaRegistryConfig;
import io.packwatch.core.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record in the Confluent wire format. The subject follows TopicNameStrategy
 * ({@code <topic>-value} / {@code <topic>-key}); with {@code auto.register.schemas=false} the schema must already be
 * registered and only its id is looked up. Ids are cached per schema, so the registry is asked once per schema.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<Schema, Integer> idCache = new ConcurrentHashMap<>();
    private final Map<Schema, NullableUnionDatumWriter<T>> writers = new ConcurrentHashMap<>();

    public SpecificAvroSerializer() {
    }

    /** For tests and tools that hold a client already. */
    public SpecificAvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.registry = SchemaRegistryClients.fromConfig(configs);
        Object auto = configs.get(SchemaRegistryConfig.AUTO_REGISTER);
        this.autoRegister = auto == null || Boolean.parseBoolean(auto.toString());
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("Avro serializer for topic '" + topic + "' used before configure()");
        }
        Schema schema = record.getSchema();
        int id = idCache.computeIfAbsent(schema, s -> schemaId(topic, s));
        NullableUnionDatumWriter<T> writer = writers.computeIfAbsent(schema, this::writerFor);
        try {
            return ReusedEncoders.encode(512, encoder -> {
                encoder.writeFixed(WireFormat.header(id).array());
                writer.write(record, encoder);
            });
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot Avro-encode " + schema.getFullName() + " for topic '" + topic
                    + "': " + e.getMessage(), e);
        }
    }

    private int schemaId(String topic, Schema schema) {
        String subject = topic + (isKey ? "-key" : "-value");
        try {
            return autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private NullableUnionDatumWriter<T> writerFor(Schema schema) {
        return new NullableUnionDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }
}
