package io.packwatch.streams.state;

import io.packwatch.core.serde.ReusedEncoders;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import io.packwatch.streams.alerts.AlertTracker;
import io.packwatch.streams.alerts.TransitionKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store serde of {@link PackageTracking}, written on Avro's binary encoder: a layout version, the history bytes,
 * the {@link io.packwatch.schema.PackageState} as written to the package-state topic (registry wire format, {@link StateCodec}), the
 * stale deadline and index flag, then per alert key its tracker's few fields and, while firing, the last
 * {@link PackageAlert} as plain Avro binary of the generated schema: since layout 2 as length-prefixed bytes, so
 * that it can stay encoded ({@link AlertRecord}); layout 1 wrote the record inline. Plain Avro names no schema, so
 * the layout also says which one wrote the events: layouts 1 and 2 the first released {@code PackageAlert}, layout 3
 * the current one (with the depletion bracket). All three are read. The store is internal (changelog only) and
 * always read by this code; the version guards the layout.
 */
final class PackageTrackingSerde implements Serde<PackageTracking> {

    private static final int VERSION = 3;
    private static final int INLINE_ALERTS = 1;
    private static final int ALERTS_IN_V1 = 2;
    private static final byte[] NONE = new byte[0];

    private final StateCodec codec;

    PackageTrackingSerde(StateCodec codec) {
        this.codec = codec;
    }

    @Override
    public Serializer<PackageTracking> serializer() {
        return (topic, tracking) -> tracking == null ? null : encode(tracking);
    }

    @Override
    public Deserializer<PackageTracking> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, codec);
    }

    static byte[] encode(PackageTracking t) {
        try {
            return ReusedEncoders.encode(512, e -> write(t, e));
        } catch (IOException ex) {
            throw new SerializationException("cannot encode the tracking record of a package", ex);
        }
    }

    private static void write(PackageTracking t, BinaryEncoder e) throws IOException {
        e.writeInt(VERSION);
        e.writeBytes(t.history == null ? NONE : t.history);
        byte[] state = t.encodedState();
        e.writeBytes(state == null ? NONE : state);
        e.writeLong(t.staleDeadline);
        e.writeBoolean(t.indexed);
        e.writeInt(t.alerts.size());
        for (Map.Entry<String, AlertRecord> a : t.alerts.entrySet()) {
            e.writeString(a.getKey());
            AlertTracker k = a.getValue().tracker();
            e.writeInt(k.firing() == null ? -1 : k.firing().ordinal());
            e.writeLong(k.sequence());
            e.writeInt(k.pendingKind() == null ? -1 : k.pendingKind().ordinal());
            e.writeInt(k.pendingTarget() == null ? -1 : k.pendingTarget().ordinal());
            e.writeInt(k.pendingCount());
            byte[] event = a.getValue().encodedEvent();
            e.writeBytes(event == null ? NONE : event);
        }
    }

    static PackageTracking decode(byte[] bytes, StateCodec codec) {
        BinaryDecoder d = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            int version = d.readInt();
            if (version < INLINE_ALERTS || version > VERSION) {
                throw new SerializationException("package tracking layout version " + version
                        + " is not supported (reads " + INLINE_ALERTS + " to " + VERSION + ")");
            }
            byte[] history = bytesOrNull(d);
            byte[] state = bytesOrNull(d);
            PackageTracking t = new PackageTracking(codec, history, state, d.readLong(), d.readBoolean());
            int alerts = d.readInt();
            for (int i = 0; i < alerts; i++) {
                String key = d.readString();
                int firing = d.readInt();
                long sequence = d.readLong();
                int kind = d.readInt();
                int target = d.readInt();
                int count = d.readInt();
                AlertTracker tracker = new AlertTracker(firing < 0 ? null : Severity.values()[firing], sequence,
                        kind < 0 ? null : TransitionKind.values()[kind], target < 0 ? null : Severity.values()[target], count);
                if (version == INLINE_ALERTS) {
                    t.alerts.put(key, new AlertRecord(tracker, d.readBoolean() ? AlertRecord.V1_READER.read(null, d) : null));
                } else if (version == ALERTS_IN_V1) {
                    t.alerts.put(key, AlertRecord.ofEncodedInV1(tracker, bytesOrNull(d)));
                } else {
                    t.alerts.put(key, AlertRecord.ofEncoded(tracker, bytesOrNull(d)));
                }
            }
            return t;
        } catch (SerializationException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            throw new SerializationException("corrupt package tracking record (" + bytes.length + " bytes)", ex);
        }
    }

    private static byte[] bytesOrNull(BinaryDecoder d) throws IOException {
        ByteBuffer b = d.readBytes(null);
        if (!b.hasRemaining()) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
