package io.packwatch.streams.state;

import io.packwatch.core.serde.NullableUnionDatumWriter;
import io.packwatch.core.serde.ReusedEncoders;
import io.packwatch.schema.PackageAlert;
import io.packwatch.streams.alerts.AlertTracker;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What a package's tracking record keeps per alert key: the state machine's memory and, while firing, the last event
 * (served by {@code GET /alerts?state=FIRING}). The event stays in the plain Avro bytes it was read from until someone
 * asks for it, and a record whose event did not change writes those bytes back: decoding and re-encoding every firing
 * alert of a package on each of its snapshots showed in the throughput profile (docs/benchmarks.md).
 */
public final class AlertRecord {

    // Avro datum writers and readers are safe to share between threads: the stream thread and interactive queries.
    private static final NullableUnionDatumWriter<PackageAlert> WRITER = new NullableUnionDatumWriter<>(
            PackageAlert.getClassSchema(), SpecificData.getForSchema(PackageAlert.getClassSchema()));
    static final SpecificDatumReader<PackageAlert> READER = new SpecificDatumReader<>(PackageAlert.class);
    /**
     * Reads events that tracking layouts 1 and 2 wrote with the first released schema (without the bracket fields):
     * plain Avro carries no schema, so the writer's must be named.
     */
    static final SpecificDatumReader<PackageAlert> V1_READER = new SpecificDatumReader<>(
            ReleasedSchemas.packageAlert(1), PackageAlert.getClassSchema());

    private final AlertTracker tracker;
    private PackageAlert lastEvent;
    private byte[] encodedEvent;
    /** Whether {@link #encodedEvent} was written with the first released schema (tracking layout 2). */
    private boolean encodedInV1;

    public AlertRecord(AlertTracker tracker, PackageAlert lastEvent) {
        this.tracker = Objects.requireNonNull(tracker);
        this.lastEvent = lastEvent;
    }

    static AlertRecord ofEncoded(AlertTracker tracker, byte[] encodedEvent) {
        AlertRecord r = new AlertRecord(tracker, null);
        r.encodedEvent = encodedEvent;
        return r;
    }

    /** An event that tracking layout 2 kept encoded with the first released schema: decoded and re-encoded on use. */
    static AlertRecord ofEncodedInV1(AlertTracker tracker, byte[] encodedEvent) {
        AlertRecord r = ofEncoded(tracker, encodedEvent);
        r.encodedInV1 = encodedEvent != null;
        return r;
    }

    /** The same event (still encoded if it was) with a new tracker. */
    AlertRecord withTracker(AlertTracker newTracker) {
        AlertRecord r = new AlertRecord(newTracker, lastEvent);
        r.encodedEvent = encodedEvent;
        r.encodedInV1 = encodedInV1;
        return r;
    }

    public AlertTracker tracker() {
        return tracker;
    }

    /** The last event while the alert fires, else null; decoded on first use. */
    public PackageAlert lastEvent() {
        if (lastEvent == null && encodedEvent != null) {
            try {
                lastEvent = (encodedInV1 ? V1_READER : READER).read(null, DecoderFactory.get().binaryDecoder(encodedEvent, null));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("corrupt alert event in a package tracking record ("
                        + encodedEvent.length + " bytes)", e);
            }
        }
        return lastEvent;
    }

    boolean hasEvent() {
        return lastEvent != null || encodedEvent != null;
    }

    /** The event as plain Avro binary of the generated schema, null without one. */
    byte[] encodedEvent() {
        if (encodedInV1) {
            lastEvent();
            encodedEvent = null;
            encodedInV1 = false;
        }
        if (encodedEvent == null && lastEvent != null) {
            try {
                encodedEvent = ReusedEncoders.encode(256, e -> WRITER.write(lastEvent, e));
            } catch (IOException ex) {
                throw new SerializationException("cannot encode alert " + lastEvent.getAlertKey(), ex);
            }
        }
        return encodedEvent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertRecord other && tracker.equals(other.tracker) && Objects.equals(lastEvent(), other.lastEvent());
    }

    @Override
    public int hashCode() {
        return Objects.hash(tracker, lastEvent());
    }

    @Override
    public String toString() {
        return "AlertRecord[tracker=" + tracker + ", lastEvent=" + lastEvent() + "]";
    }
}
