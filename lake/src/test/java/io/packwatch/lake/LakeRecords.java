package io.packwatch.lake;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Severity;
import io.packwatch.schema.Vendor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Pipeline records as the streams app writes them, with values that differ per record so mix-ups show. */
final class LakeRecords {

    static final Instant DAY_ONE = Instant.parse("2026-11-28T22:30:00.123Z");
    static final long GIB = 1L << 30;

    private LakeRecords() {
    }

    /** Snapshot number {@code n}: one of 8 packages on alternating vendors, one poll every 20 minutes (crosses days). */
    static PackageSnapshot snapshot(int n) {
        boolean baidu = n % 2 == 1;
        String packageId = (baidu ? "tp-" : "tfp-") + (n % 8);
        long capacity = 100 * GIB;
        long used = Math.min(capacity, n * 123_456_789L + 7);
        return PackageSnapshot.newBuilder()
                .setPackageKey((baidu ? "baidu-eip/acct-b/bj/" : "tencent-vpc/acct-t/ap-guangzhou/") + packageId)
                .setVendor(baidu ? Vendor.BAIDU : Vendor.TENCENT)
                .setProduct(baidu ? Product.EIP : Product.VPC)
                .setAccount(baidu ? "acct-b" : "acct-t")
                .setRegion(baidu ? "bj" : "ap-guangzhou")
                .setPackageId(packageId)
                .setKind(PackageKind.TRAFFIC)
                .setUnit(AmountUnit.BYTES)
                .setCapacity(capacity)
                .setUsed(used)
                .setRemaining(capacity - used)
                .setStatus(PackageStatus.ACTIVE)
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setExpiresAt(DAY_ONE.plus(Duration.ofDays(30)))
                .setTags(Map.of("team", "t" + n % 3))
                .setObservedAt(DAY_ONE.plus(Duration.ofMinutes(20L * n)))
                .setPollId("poll-" + n)
                .build();
    }

    /**
     * Snapshot number {@code n} of a fleet of {@code packages} packages all polled every 5 minutes (snapshot n is
     * package n % packages at poll n / packages): the shape of production data, many rows per day partition.
     */
    static PackageSnapshot fleetSnapshot(int n, int packages) {
        PackageSnapshot shape = snapshot(n);
        int packageNumber = n % packages;
        int poll = n / packages;
        String packageId = (shape.getVendor() == Vendor.BAIDU ? "tp-" : "tfp-") + packageNumber;
        long used = Math.min(shape.getCapacity(), poll * 987_654_321L + packageNumber);
        return PackageSnapshot.newBuilder(shape)
                .setPackageKey(shape.getPackageKey().substring(0, shape.getPackageKey().lastIndexOf('/') + 1) + packageId)
                .setPackageId(packageId)
                .setUsed(used)
                .setRemaining(shape.getCapacity() - used)
                .setObservedAt(DAY_ONE.plus(Duration.ofMinutes(5L * poll)))
                .build();
    }

    static PackageState state(PackageSnapshot snapshot) {
        return PackageState.newBuilder()
                .setPackageKey(snapshot.getPackageKey())
                .setSnapshot(snapshot)
                .setPercentUsed(100.0 * snapshot.getUsed() / snapshot.getCapacity())
                .setRateEwmaPerHour(1.5 * GIB)
                .setUpdatedAt(snapshot.getObservedAt().plusMillis(5))
                .build();
    }

    static PackageAlert alert(PackageSnapshot snapshot, AlertType type, String eventId) {
        return PackageAlert.newBuilder()
                .setAlertKey(snapshot.getPackageKey() + "#" + type)
                .setEventId(eventId)
                .setType(type)
                .setSeverity(Severity.WARNING)
                .setState(AlertState.FIRING)
                .setPackageKey(snapshot.getPackageKey())
                .setVendor(snapshot.getVendor())
                .setProduct(snapshot.getProduct())
                .setAccount(snapshot.getAccount())
                .setRegion(snapshot.getRegion())
                .setPackageId(snapshot.getPackageId())
                .setKind(snapshot.getKind())
                .setUnit(snapshot.getUnit())
                .setCapacity(snapshot.getCapacity())
                .setUsed(snapshot.getUsed())
                .setRemaining(snapshot.getRemaining())
                .setPercentUsed(100.0 * snapshot.getUsed() / snapshot.getCapacity())
                .setMessage("test alert " + eventId)
                .setObservedAt(snapshot.getObservedAt())
                .setDetectedAt(snapshot.getObservedAt().plusSeconds(1))
                .build();
    }
}
