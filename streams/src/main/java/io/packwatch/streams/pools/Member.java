package io.packwatch.streams.pools;

import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.forecast.Observation;
import java.time.Instant;

/**
 * What the pool keeps of one member package: its latest snapshot's figures. Instants are epoch millis,
 * {@link Observation#NONE} when absent.
 */
public record Member(String packageKey, String packageId, String name, PackageStatus status, long capacity, long used,
                     long createdAt, long startsAt, long expiresAt, long observedAt) {

    public static Member of(PackageSnapshot s) {
        return new Member(s.getPackageKey(), s.getPackageId(), s.getName(), s.getStatus(), s.getCapacity(), s.getUsed(),
                millis(s.getCreatedAt()), millis(s.getActivatedAt()), millis(s.getExpiresAt()),
                s.getObservedAt().toEpochMilli());
    }

    /** Whether the package leaves its pool: expired, refunded or deleted (a refund is a removal). */
    public static boolean leaves(PackageStatus status) {
        return status == PackageStatus.EXPIRED || status == PackageStatus.REFUNDED || status == PackageStatus.DELETED;
    }

    /** Whether {@code other} states the same figures, whatever its observation instant. */
    public boolean sameFigures(Member other) {
        return equals(new Member(other.packageKey, other.packageId, other.name, other.status, other.capacity, other.used,
                other.createdAt, other.startsAt, other.expiresAt, observedAt));
    }

    public long remaining() {
        return Math.max(0, capacity - used);
    }

    public boolean hasExpiry() {
        return expiresAt != Observation.NONE;
    }

    private static long millis(Instant i) {
        return i == null ? Observation.NONE : i.toEpochMilli();
    }
}
