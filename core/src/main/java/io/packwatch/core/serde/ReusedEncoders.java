package io.packwatch.core.serde;

import java.io.OutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * One buffered Avro binary encoder per thread, pointed at each new output. {@code EncoderFactory} allocates a new
 * 2 KiB buffer for every new encoder, which showed in the profile of each per-record encode; the direct (unbuffered)
 * encoder avoids that but writes byte by byte, which was worse. Not re-entrant: an encode must flush before the next
 * one on the same thread starts, which holds for every caller (none encodes inside another).
 */
public final class ReusedEncoders {

    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    private ReusedEncoders() {
    }

    public static BinaryEncoder on(OutputStream out) {
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
        ENCODERS.set(encoder);
        return encoder;
    }
}
