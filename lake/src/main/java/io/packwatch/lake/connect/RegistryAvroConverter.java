package io.packwatch.lake.connect;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import io.packwatch.core.registry.SchemaRegistryClient;
import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.core.registry.SchemaRegistryConfig;
import io.packwatch.core.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads Confluent-wire-format Avro (magic byte 0, 4-byte schema id, Avro binary) into Connect data, fetching writer
 * schemas by id through Packwatch's own Confluent-REST registry client, so it works against Confluent's Schema
 * Registry, Apicurio's {@code /apis/ccompat/v7}, Karapace... Sink only.
 *
 * <p>The Avro to Connect mapping is Apicurio's {@link AvroData} (a port of Confluent's), already in the plugin
 * bundle: the same columns as Apicurio's own converter produced (enums as strings, {@code timestamp-millis} as
 * Connect Timestamp, nullable unions as optional fields, maps, nested records).
 *
 * <p>Every failure is an exception Connect's {@code errors.tolerance}/dead-letter queue handles: a record it cannot read
 * is a {@link DataException} naming the topic, schema id and cause (Connect adds partition and offset to the DLQ
 * headers and the error log); a registry that is down or refuses the call (5xx, 401, 429...) is a
 * {@link RetriableException}, which Connect retries for {@code errors.retry.timeout} before tolerating it.
 */
public final class RegistryAvroConverter implements Converter, Versioned {

    private static final int WIRE_HEADER_SIZE = 5;
    private static final byte MAGIC_BYTE = 0;

    private static final ConfigDef CONFIG = AvroDataConfig.baseConfigDef()
            .define(SchemaRegistryConfig.URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.Importance.HIGH, "Comma-separated Confluent-compatible schema registry URLs "
                            + "(Confluent: http://host:8081, Apicurio: http://host:8080/apis/ccompat/v7).")
            .define(SchemaRegistryConfig.BASIC_AUTH_USER_INFO, ConfigDef.Type.PASSWORD, null,
                    ConfigDef.Importance.MEDIUM, "user:password for the registry's HTTP basic auth.");

    private SchemaRegistryClient registry;
    private AvroData avroData;
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object url = configs.get(SchemaRegistryConfig.URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SchemaRegistryConfig.URL, null, "RegistryAvroConverter needs the registry's "
                    + "Confluent-compatible URL (value.converter." + SchemaRegistryConfig.URL + ")");
        }
        try {
            this.registry = SchemaRegistryClients.fromConfig(configs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        this.avroData = new AvroData(new AvroDataConfig(configs));
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        String version = RegistryAvroConverter.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    @Override
    public byte[] fromConnectData(String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
        throw new UnsupportedOperationException("RegistryAvroConverter only reads (sink connectors); topic '" + topic
                + "' needs a serializing converter for a source connector");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL; // a tombstone stays a null value
        }
        if (registry == null) {
            throw new DataException("RegistryAvroConverter for topic '" + topic + "' used before configure()");
        }
        int schemaId = schemaId(topic, value);
        GenericDatumReader<Object> reader = readers.computeIfAbsent(schemaId, id -> readerFor(topic, id));
        Object avro;
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(value, WIRE_HEADER_SIZE, value.length - WIRE_HEADER_SIZE, null);
        try {
            avro = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left after the record: written with another schema than id " + schemaId);
            }
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot decode the record on topic '" + topic + "' with schema id " + schemaId
                    + ": payload truncated or corrupt (" + e + ")", e);
        }
        try {
            return avroData.toConnectData(reader.getSchema(), avro);
        } catch (RuntimeException e) {
            throw new DataException("cannot convert the record on topic '" + topic + "' (schema id " + schemaId
                    + ") to Connect data: " + e.getMessage(), e);
        }
    }

    private static int schemaId(String topic, byte[] value) {
        if (value.length < WIRE_HEADER_SIZE) {
            throw new DataException("record on topic '" + topic + "' is " + value.length + " bytes, shorter than the "
                    + "5-byte Confluent wire-format header");
        }
        if (value[0] != MAGIC_BYTE) {
            throw new DataException("record on topic '" + topic + "' starts with byte " + value[0]
                    + ", expected magic byte 0: not Confluent wire-format Avro");
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    private GenericDatumReader<Object> readerFor(String topic, int schemaId) {
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (!e.isNotFound() && e.httpStatus() != 200) { // 200: the registry's answer is no Avro schema
                throw new RetriableException("schema id " + schemaId + " of a record on topic '" + topic
                        + "' cannot be fetched now: " + e.getMessage(), e);
            }
            throw new DataException("record on topic '" + topic + "' refers to schema id " + schemaId
                    + " that the registry does not have: " + e.getMessage(), e);
        }
        // GenericData without logical-type conversions: timestamp-millis stays a long, which AvroData expects
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }
}
