package io.packwatch.core.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class ReusedEncodersTest {

    @Test
    void anEncodeNestedInAnotherLeavesTheOuterOneIntact() throws Exception {
        // as after any earlier record on this thread: an idle encoder is cached, and the nested encode must not get it
        ReusedEncoders.encode(16, e -> e.writeInt(0));
        byte[] outer = ReusedEncoders.encode(16, e -> {
            e.writeString("before");
            byte[] inner = ReusedEncoders.encode(16, n -> n.writeLong(42));
            e.writeBytes(inner);
            e.writeString("after");
        });

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        BinaryEncoder direct = EncoderFactory.get().directBinaryEncoder(expected, null);
        direct.writeString("before");
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        BinaryEncoder innerDirect = EncoderFactory.get().directBinaryEncoder(inner, null);
        innerDirect.writeLong(42);
        direct.writeBytes(inner.toByteArray());
        direct.writeString("after");
        assertThat(outer).isEqualTo(expected.toByteArray());
    }

    @Test
    void aFailedEncodeLeavesNothingBehindForTheNextOne() throws Exception {
        try {
            ReusedEncoders.encode(16, e -> {
                e.writeString("half written");
                throw new java.io.IOException("boom");
            });
        } catch (java.io.IOException expected) {
            // the next encode on this thread must not see the abandoned bytes
        }
        assertThat(ReusedEncoders.encode(16, e -> e.writeInt(1))).containsExactly(2);
    }
}
