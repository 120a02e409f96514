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
 * Tencent Cloud Live {@code DescribeLivePackageInfo} (vendor-spec §5). The item {@code Type} (not the request's
 * PackageType) decides kind and unit: 0 traffic in bytes (decimal multiples, kept as bytes), 1 transcoding and
 * 2 Top Speed Codec transcoding in minutes, 3 co-anchoring in hours. Times are zone-less Beijing time.
 */
public final class TencentLiveNormalizer implements Normalizer {


    @Override
    public String packageId(RawEnvelope env) {
        return new JsonFields(env.item(), "item").requiredText("Id");
    }

    @Override
    public PackageSnapshot normalize(RawEnvelope env) {
        JsonFields item = new JsonFields(env.item(), "item");
        Integer type = item.optionalInt("Type");
        long capacity = item.requiredAmount("Total", false);
        long used = item.requiredAmount("Used", false);
        SnapshotBase.checkUsedWithinCapacity(item.path("Used"), used, capacity, 0, 0);
        long remaining = item.present("Left") ? item.requiredAmount("Left", false) : capacity - used;
        Integer status = item.optionalInt("Status");
        Integer willRenew = item.optionalInt("WillRenew");
        return SnapshotBase.start(env, Vendor.TENCENT, Product.LIVE, packageId(env))
                .setKind(kind(type))
                .setUnit(unit(type))
                .setCapacity(capacity)
                .setUsed(used)
                .setRemaining(remaining)
                .setStatus(status(status))
                .setVendorStatus(status == null ? null : status.toString())
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCreatedAt(item.optionalBeijingTime("BuyTime"))
                .setExpiresAt(item.optionalBeijingTime("ExpireTime"))
                .setAutoRenew(willRenew == null || (willRenew != 0 && willRenew != 1) ? null : willRenew == 1)
                .setRenewalResult(item.optionalInt("RenewalResult"))
                .build();
    }

    static PackageKind kind(Integer type) {
        if (type == null) {
            return PackageKind.UNKNOWN;
        }
        return switch (type) {
            case 0 -> PackageKind.TRAFFIC;
            case 1 -> PackageKind.TRANSCODE;
            case 2 -> PackageKind.TOP_SPEED_TRANSCODE;
            case 3 -> PackageKind.CO_ANCHORING;
            default -> PackageKind.UNKNOWN;
        };
    }

    static AmountUnit unit(Integer type) {
        if (type == null) {
            return AmountUnit.UNKNOWN;
        }
        return switch (type) {
            case 0 -> AmountUnit.BYTES;
            case 1, 2 -> AmountUnit.MINUTES;
            case 3 -> AmountUnit.HOURS;
            default -> AmountUnit.UNKNOWN;
        };
    }

    /** 0 is "not yet used" (bought, nothing drawn): NOT_STARTED rather than ACTIVE, so it reads as untouched. */
    static PackageStatus status(Integer code) {
        if (code == null) {
            return PackageStatus.UNKNOWN;
        }
        return switch (code) {
            case 0 -> PackageStatus.NOT_STARTED;
            case 1 -> PackageStatus.ACTIVE;
            case 2 -> PackageStatus.EXPIRED;
            case 3 -> PackageStatus.FROZEN;
            case 4 -> PackageStatus.EXHAUSTED;
            case 5 -> PackageStatus.REFUNDED;
            default -> PackageStatus.UNKNOWN;
        };
    }
}
