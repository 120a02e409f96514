package io.packwatch.streams.state;

import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import io.packwatch.streams.alerts.AlertTracker;
import io.packwatch.streams.alerts.TransitionKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store serde of {@link AlertRecord}: a version byte, the tracker's few fields as Avro varints, then the last event
 * as plain Avro binary of the generated schema. The store is internal (changelog only), so it needs no registry;
 * the version guards the layout.
 */
public final class AlertRecordSerde implements Serde<AlertRecord> {

    private static final int VERSION = 1;

    @Override
    public Serializer<AlertRecord> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<AlertRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(AlertRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            AlertTracker t = r.tracker();
            e.writeInt(VERSION);
            e.writeInt(t.firing() == null ? -1 : t.firing().ordinal());
            e.writeLong(t.sequence());
            e.writeInt(t.pendingKind() == null ? -1 : t.pendingKind().ordinal());
            e.writeInt(t.pendingTarget() == null ? -1 : t.pendingTarget().ordinal());
            e.writeInt(t.pendingCount());
            e.writeBoolean(r.lastEvent() != null);
            if (r.lastEvent() != null) {
                new SpecificDatumWriter<>(PackageAlert.class).write(r.lastEvent(), e);
            }
            e.flush();
        } catch (IOException ex) {
            throw new SerializationException("cannot encode alert record", ex);
        }
        return out.toByteArray();
    }

    static AlertRecord decode(byte[] bytes) {
        BinaryDecoder d = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            int version = d.readInt();
            if (version != VERSION) {
                throw new SerializationException("alert record layout version " + version + " is not supported (expected " + VERSION + ")");
            }
            int firing = d.readInt();
            long sequence = d.readLong();
            int kind = d.readInt();
            int target = d.readInt();
            int count = d.readInt();
            PackageAlert last = d.readBoolean() ? new SpecificDatumReader<>(PackageAlert.class).read(null, d) : null;
            AlertTracker tracker = new AlertTracker(firing < 0 ? null : Severity.values()[firing], sequence,
                    kind < 0 ? null : TransitionKind.values()[kind], target < 0 ? null : Severity.values()[target], count);
            return new AlertRecord(tracker, last);
        } catch (IOException | RuntimeException ex) {
            throw new SerializationException("corrupt alert record (" + bytes.length + " bytes)", ex);
        }
    }
}
