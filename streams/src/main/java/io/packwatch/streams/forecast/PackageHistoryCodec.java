package io.packwatch.streams.forecast;

import io.packwatch.core.serde.ReusedEncoders;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Binary form of {@link PackageHistory} for the state store and its changelog.
 *
 * <p>Layout written by hand on Avro's binary encoder (zig-zag varints): samples are delta-encoded against the
 * previous one, so a package costs a few bytes per sample instead of 16. A full Avro record schema would spend
 * 16 bytes per sample and needs no registry either way; the store is internal, so a version byte guards the
 * layout instead of a schema. Layout 2 adds the hourly bucket's sample count, the daily samples and the held
 * samples of an unconfirmed drop; layout 1 is still read (its buckets count as one sample each).
 */
public final class PackageHistoryCodec {

    private static final int VERSION = 2;
    private static final int LAYOUT_1 = 1;

    private PackageHistoryCodec() {
    }

    public static byte[] encode(PackageHistory h) {
        try {
            return ReusedEncoders.encode(256, e -> write(h, e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void write(PackageHistory h, BinaryEncoder e) throws IOException {
        e.writeInt(VERSION);
        e.writeInt(h.segmentId);
        e.writeLong(h.segmentStartedAt);
        e.writeInt(h.lastBreak.ordinal());
        e.writeString(h.packageId);
        e.writeLong(h.capacity);
        e.writeLong(h.cycleStart);
        e.writeLong(h.cycleEnd);
        e.writeLong(h.expiresAt);
        e.writeInt(h.sampleCount);
        e.writeDouble(h.ewmaRate);
        e.writeLong(h.ewmaAnchorAt);
        e.writeLong(h.ewmaAnchorUsed);
        writePoints(e, h.recent);
        writePoints(e, h.hourly);
        e.writeInt(h.bucketSamples);
        writePoints(e, h.daily);
        writePoints(e, h.held);
    }

    public static PackageHistory decode(byte[] bytes) {
        BinaryDecoder d = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            int version = d.readInt();
            if (version != VERSION && version != LAYOUT_1) {
                throw new IllegalStateException("package history layout version " + version + " is not supported (expected "
                        + LAYOUT_1 + " or " + VERSION + ")");
            }
            PackageHistory h = new PackageHistory();
            h.segmentId = d.readInt();
            h.segmentStartedAt = d.readLong();
            h.lastBreak = SegmentBreak.values()[d.readInt()];
            h.packageId = d.readString();
            h.capacity = d.readLong();
            h.cycleStart = d.readLong();
            h.cycleEnd = d.readLong();
            h.expiresAt = d.readLong();
            h.sampleCount = d.readInt();
            h.ewmaRate = d.readDouble();
            h.ewmaAnchorAt = d.readLong();
            h.ewmaAnchorUsed = d.readLong();
            readPoints(d, h.recent);
            readPoints(d, h.hourly);
            if (version == LAYOUT_1) {
                h.bucketSamples = 1;
                return h;
            }
            h.bucketSamples = d.readInt();
            readPoints(d, h.daily);
            readPoints(d, h.held);
            return h;
        } catch (IOException ex) {
            throw new UncheckedIOException("corrupt package history (" + bytes.length + " bytes)", ex);
        }
    }

    private static void writePoints(BinaryEncoder e, Iterable<Point> points) throws IOException {
        int n = 0;
        for (Point ignored : points) {
            n++;
        }
        e.writeInt(n);
        long prevAt = 0;
        long prevUsed = 0;
        for (Point p : points) {
            e.writeLong(p.at() - prevAt);
            e.writeLong(p.used() - prevUsed);
            prevAt = p.at();
            prevUsed = p.used();
        }
    }

    private static void readPoints(BinaryDecoder d, java.util.Collection<Point> into) throws IOException {
        int n = d.readInt();
        long at = 0;
        long used = 0;
        for (int i = 0; i < n; i++) {
            at += d.readLong();
            used += d.readLong();
            into.add(new Point(at, used));
        }
    }
}
