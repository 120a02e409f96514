package io.packwatch.core.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** The Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary encoding. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static ByteBuffer header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).flip();
    }

    /** Reads the header and returns the schema id; the buffer is left positioned at the Avro payload. */
    static int readSchemaId(String topic, ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new SerializationException("record on topic '" + topic + "' is truncated: " + buffer.remaining()
                    + " bytes, shorter than the 5-byte Confluent wire-format header");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("record on topic '" + topic + "' has magic byte " + magic
                    + ", expected 0 (not Confluent Schema Registry wire format)");
        }
        return buffer.getInt();
    }
}
