package io.packwatch.streams.normalize;

import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.LocalTimeWindow;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.util.HashMap;

/** Fills the snapshot fields every vendor shares (identity, poll metadata) and holds shared rules. */
final class SnapshotBase {
    /**
     * Off-peak packages (Tencent VPC IDLE_TIME, Baidu TimeDurationPackage) are drawn 00:00-08:00 Beijing time
     * (vendor-spec, issue 6). One window for both vendors.
     */
    static final LocalTimeWindow OFF_PEAK_WINDOW = LocalTimeWindow.newBuilder()
            .setStart("00:00").setEnd("08:00").setZone(JsonFields.BEIJING.getId()).build();

    private SnapshotBase() {
    }

    static PackageSnapshot.Builder start(RawEnvelope env, Vendor vendor, Product product, String packageId) {
        return PackageSnapshot.newBuilder()
                .setPackageKey(env.packageKey(packageId))
                .setVendor(vendor)
                .setProduct(product)
                .setAccount(env.account())
                .setRegion(env.region() == null || env.region().isEmpty() ? null : env.region())
                .setPackageId(packageId)
                .setResourceId(null)
                .setName(null)
                .setOverflow(0L)
                .setOriginalAmounts(null)
                .setOffPeakWindow(null)
                .setCreatedAt(null).setActivatedAt(null).setCycleStart(null).setCycleEnd(null).setExpiresAt(null)
                .setTags(new HashMap<>())
                .setAutoRenew(null)
                .setRenewalResult(null)
                .setObservedAt(env.collectedAt())
                .setPollId(env.pollId())
                .setVendorRequestId(env.requestId());
    }

    /** Marks {@code b} as drawn only inside {@link #OFF_PEAK_WINDOW}. */
    static void offPeak(PackageSnapshot.Builder b) {
        b.setDeductPolicy(DeductPolicy.OFF_PEAK).setOffPeakWindow(LocalTimeWindow.newBuilder(OFF_PEAK_WINDOW).build());
    }

    /**
     * used must not exceed capacity (+ overflow where the vendor reports overage) by more than {@code tolerance}
     * (rounding of the vendor's own figures); beyond that the item is inconsistent and goes to the DLQ.
     */
    static void checkUsedWithinCapacity(String usedField, long used, long capacity, long overflow, long tolerance) {
        if (used > capacity + overflow + tolerance) {
            throw new NormalizationException(usedField, "used " + used + " exceeds capacity " + capacity
                    + (overflow > 0 ? " + overflow " + overflow : "") + " beyond rounding");
        }
    }
}
