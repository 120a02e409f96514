package io.packwatch.streams.normalize;

import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;

/**
 * Tencent Lighthouse {@code DescribeInstancesTrafficPackages} (vendor-spec §3): int64 byte amounts for the current
 * validity cycle, overflow billed as overage, the owning instance in the envelope's {@code instanceId}.
 */
public final class TencentLighthouseNormalizer implements Normalizer {


    @Override
    public String packageId(RawEnvelope env) {
        if (env.instanceId() == null || env.instanceId().isBlank()) {
            throw new NormalizationException("$.instanceId", "required for tencent-lighthouse envelopes");
        }
        return new JsonFields(env.item(), "item").requiredText("TrafficPackageId");
    }

    @Override
    public PackageSnapshot normalize(RawEnvelope env) {
        JsonFields item = new JsonFields(env.item(), "item");
        String packageId = packageId(env);
        long capacity = item.requiredAmount("TrafficPackageTotal", false);
        long used = item.requiredAmount("TrafficUsed", false);
        long overflow = item.present("TrafficOverflow") ? item.requiredAmount("TrafficOverflow", false) : 0L;
        SnapshotBase.checkUsedWithinCapacity(item.path("TrafficUsed"), used, capacity, overflow, 0);
        long remaining = item.present("TrafficPackageRemaining")
                ? item.requiredAmount("TrafficPackageRemaining", false)
                : Math.max(0, capacity - used);
        String status = item.optionalText("Status");
        return SnapshotBase.start(env, Vendor.TENCENT, Product.LIGHTHOUSE, packageId)
                .setResourceId(env.instanceId())
                .setKind(PackageKind.TRAFFIC)
                .setUnit(AmountUnit.BYTES)
                .setCapacity(capacity)
                .setUsed(used)
                .setRemaining(remaining)
                .setOverflow(overflow)
                .setStatus(status(status))
                .setVendorStatus(status)
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCycleStart(item.optionalUtcInstant("StartTime"))
                .setCycleEnd(item.optionalUtcInstant("EndTime"))
                .setExpiresAt(item.optionalUtcInstant("Deadline"))
                .build();
    }

    static PackageStatus status(String vendorStatus) {
        if (vendorStatus == null) {
            return PackageStatus.UNKNOWN;
        }
        return switch (vendorStatus) {
            case "NETWORK_NORMAL" -> PackageStatus.ACTIVE;
            case "OVERDUE_NETWORK_DISABLED" -> PackageStatus.NETWORK_DISABLED;
            default -> PackageStatus.UNKNOWN;
        };
    }
}
