package io.packwatch.core.serde;

import io.packwatch.core.registry.SchemaRegistryClient;
import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.core.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into the generated class {@code T}. The writer schema comes from the registry by
 * id (cached) and is resolved against {@code T}'s schema, so data written with an older or newer compatible schema
 * decodes. Every failure is a {@link SerializationException} naming the topic and the cause, for a DLQ handler.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    public SpecificAvroDeserializer(Class<T> type) {
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    /** For tests and tools that hold a client already. */
    public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = SchemaRegistryClients.fromConfig(configs);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("Avro deserializer for topic '" + topic + "' used before configure()");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = WireFormat.readSchemaId(topic, buffer);
        SpecificDatumReader<T> reader = readers.computeIfAbsent(id, i -> readerFor(topic, i));
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, buffer.position(), buffer.remaining(), null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + " (schema id " + id
                    + ") from topic '" + topic + "': payload truncated or corrupt: " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(String topic, int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("record on topic '" + topic + "' refers to schema id " + id
                    + " that cannot be fetched: " + e.getMessage(), e);
        }
        return new SpecificDatumReader<>(writer, readerSchema, model);
    }
}
