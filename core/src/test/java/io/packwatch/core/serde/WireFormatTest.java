package io.packwatch.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void aBareHeaderIsARecordWhosePayloadIsEmpty() {
        // A record of no fields encodes to zero bytes, so exactly five bytes is a complete record.
        ByteBuffer buffer = WireFormat.header(77);
        assertThat(WireFormat.readSchemaId("t", buffer)).isEqualTo(77);
        assertThat(buffer.remaining()).isZero();
        assertThatThrownBy(() -> WireFormat.readSchemaId("t", ByteBuffer.wrap(new byte[] {0, 0, 0, 77})))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("record on topic 't' is truncated: 4 bytes");
    }
}
