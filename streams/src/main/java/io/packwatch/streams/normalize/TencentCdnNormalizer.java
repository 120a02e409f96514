package io.packwatch.streams.normalize;

import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.util.List;

/**
 * Tencent CDN {@code DescribeTrafficPackages} (vendor-spec §12). Amounts are bytes in decimal multiples (100 GB is
 * {@code 100000000000}) and stay bytes, exactly; times are zone-less Beijing time. The API has no polled region, so
 * the snapshot's region is the package's billing region ({@code Area}, refined by {@code Region}): packages never
 * cross billing regions, which makes it the pool boundary. Unknown statuses (the doc example shows {@code frozen})
 * are kept verbatim in {@code vendorStatus}.
 */
public final class TencentCdnNormalizer implements Normalizer {
    /** {@code Region} codes: 0 mainland, 1-3 Asia-Pacific 1-3, 4 Middle East, 5 North America, 6 Europe, 7 South America, 8 Africa. */
    static final List<String> BILLING_REGIONS = List.of("mainland", "asia-pacific-1", "asia-pacific-2", "asia-pacific-3",
            "middle-east", "north-america", "europe", "south-america", "africa");

    @Override
    public String packageId(RawEnvelope env) {
        return new JsonFields(env.item(), "item").requiredText("Id");
    }

    @Override
    public PackageSnapshot normalize(RawEnvelope env) {
        JsonFields item = new JsonFields(env.item(), "item");
        long capacity = item.requiredAmount("Bytes", false);
        long used = item.requiredAmount("BytesUsed", false);
        SnapshotBase.checkUsedWithinCapacity(item.path("BytesUsed"), used, capacity, 0, 0);
        String status = item.optionalText("Status");
        Integer extensionMode = item.optionalInt("ExtensionMode");
        return SnapshotBase.start(env, Vendor.TENCENT, Product.CDN, packageId(env))
                .setRegion(billingRegion(item.optionalText("Area"), item.optionalInt("Region")))
                .setName(item.optionalText("Type"))
                .setKind(PackageKind.TRAFFIC)
                .setUnit(AmountUnit.BYTES)
                .setCapacity(capacity)
                .setUsed(used)
                .setRemaining(capacity - used)
                .setStatus(status(status, capacity > 0 && used >= capacity, renewsWhenUsedUp(extensionMode)))
                .setVendorStatus(status)
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCreatedAt(item.optionalBeijingTime("CreateTime"))
                .setActivatedAt(item.present("TrueEnableTime") ? item.optionalBeijingTime("TrueEnableTime")
                        : item.optionalBeijingTime("EnableTime"))
                .setExpiresAt(item.optionalBeijingTime("ExpireTime"))
                .setAutoRenew(autoRenew(extensionMode, item.get("AutoExtension") == null ? null : item.get("AutoExtension").asBoolean()))
                .build();
    }

    /** ExtensionMode 2 (renew when used up) and 3 (at expiry or when used up): running out means renewing. */
    static boolean renewsWhenUsedUp(Integer extensionMode) {
        return extensionMode != null && (extensionMode == 2 || extensionMode == 3);
    }

    /** ExtensionMode 1-3 renew, 0 does not; without a mode (older responses) the AutoExtension flag; else unknown. */
    static Boolean autoRenew(Integer extensionMode, Boolean autoExtension) {
        if (extensionMode == null) {
            return autoExtension;
        }
        return switch (extensionMode) {
            case 0 -> false;
            case 1, 2, 3 -> true;
            default -> null;
        };
    }

    /**
     * enabled, expired and disabled (not yet in effect) are the SDK's values, frozen the doc example's; anything else
     * is UNKNOWN (with vendorStatus kept). An enabled package that is used up is EXHAUSTED unless it renews when used up.
     */
    static PackageStatus status(String status, boolean usedUp, boolean renewsWhenUsedUp) {
        if (status == null) {
            return PackageStatus.UNKNOWN;
        }
        return switch (status) {
            case "enabled" -> usedUp && !renewsWhenUsedUp ? PackageStatus.EXHAUSTED : PackageStatus.ACTIVE;
            case "expired" -> PackageStatus.EXPIRED;
            case "disabled" -> PackageStatus.NOT_STARTED;
            case "frozen" -> PackageStatus.FROZEN;
            default -> PackageStatus.UNKNOWN;
        };
    }

    /** {@code mainland}, {@code asia-pacific-1}, ...; the Area alone when Region is absent or unknown to us. */
    static String billingRegion(String area, Integer region) {
        if (region != null && region >= 0 && region < BILLING_REGIONS.size()) {
            return BILLING_REGIONS.get(region);
        }
        if (area == null || area.isBlank()) {
            return region == null ? null : "region-" + region;
        }
        return region == null ? area : area + "-region-" + region;
    }
}
