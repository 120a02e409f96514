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
 * Baidu AI Cloud EIP shared traffic packages (vendor-spec §4). {@code capacity}/{@code usedCapacity} are bytes sent
 * as a JSON number or a numeric string (the docs disagree, §9.2); there is no remaining field, so remaining =
 * capacity − used.
 */
public final class BaiduEipNormalizer implements Normalizer {


    @Override
    public String packageId(RawEnvelope env) {
        return new JsonFields(env.item(), "item").requiredText("id");
    }

    @Override
    public PackageSnapshot normalize(RawEnvelope env) {
        JsonFields item = new JsonFields(env.item(), "item");
        long capacity = item.requiredAmount("capacity", true);
        long used = item.requiredAmount("usedCapacity", true);
        SnapshotBase.checkUsedWithinCapacity(item.path("usedCapacity"), used, capacity, 0, 0);
        String status = item.optionalText("status");
        PackageSnapshot.Builder b = SnapshotBase.start(env, Vendor.BAIDU, Product.EIP, packageId(env))
                .setKind(PackageKind.TRAFFIC)
                .setUnit(AmountUnit.BYTES)
                .setCapacity(capacity)
                .setUsed(used)
                .setRemaining(capacity - used)
                .setStatus(status(status))
                .setVendorStatus(status)
                .setCreatedAt(item.optionalUtcInstant("createTime"))
                .setActivatedAt(item.optionalUtcInstant("activeTime"))
                .setExpiresAt(item.optionalUtcInstant("expireTime"));
        String deduct = item.optionalText("deductPolicy");
        if ("FullTimeDurationPackage".equals(deduct)) {
            b.setDeductPolicy(DeductPolicy.FULL_TIME);
        } else if ("TimeDurationPackage".equals(deduct)) {
            SnapshotBase.offPeak(b);
        } else {
            b.setDeductPolicy(DeductPolicy.UNKNOWN);
        }
        return b.build();
    }

    static PackageStatus status(String vendorStatus) {
        if (vendorStatus == null) {
            return PackageStatus.UNKNOWN;
        }
        return switch (vendorStatus) {
            case "RUNNING" -> PackageStatus.ACTIVE;
            case "EXPIRED" -> PackageStatus.EXPIRED;
            case "USED_UP" -> PackageStatus.EXHAUSTED;
            default -> PackageStatus.UNKNOWN;
        };
    }
}
