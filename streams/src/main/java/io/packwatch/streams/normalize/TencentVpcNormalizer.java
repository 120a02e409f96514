package io.packwatch.streams.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.OriginalAmounts;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * Tencent Cloud VPC {@code DescribeTrafficPackages} (vendor-spec §2). Amounts are GB floats; they are converted to
 * bytes with 1 GB = 2^30 bytes (Tencent sells 1024 GB as "1 TB", vendor-spec §2.2) through BigDecimal, rounded half-up
 * to a whole byte, and the vendor's decimals are kept verbatim in {@code originalAmounts}.
 */
public final class TencentVpcNormalizer implements Normalizer {
    static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1L << 30);
    static final String CONVERSION = "1 GB = 2^30 bytes (1073741824), rounded half-up to whole bytes";
    /**
     * The typed SDK holds these amounts as float32, so vendor figures can be off by one float ulp: at the largest
     * package (307200 GB) that is ~0.02 GB. One part per million of capacity covers it without hiding real overuse.
     */
    private static final BigDecimal TOLERANCE_FRACTION = new BigDecimal("0.000001");


    @Override
    public String packageId(RawEnvelope env) {
        return new JsonFields(env.item(), "item").requiredText("TrafficPackageId");
    }

    @Override
    public PackageSnapshot normalize(RawEnvelope env) {
        JsonFields item = new JsonFields(env.item(), "item");
        BigDecimal totalGb = item.requiredDecimal("TotalAmount", false);
        BigDecimal usedGb = item.requiredDecimal("UsedAmount", false);
        BigDecimal remainingGb = item.present("RemainingAmount") ? item.requiredDecimal("RemainingAmount", false) : null;

        long capacity = toBytes(item.path("TotalAmount"), totalGb);
        long used = toBytes(item.path("UsedAmount"), usedGb);
        long tolerance = BigDecimal.valueOf(capacity).multiply(TOLERANCE_FRACTION).setScale(0, RoundingMode.CEILING).longValueExact();
        SnapshotBase.checkUsedWithinCapacity(item.path("UsedAmount"), used, capacity, 0, tolerance);
        long remaining = remainingGb != null ? toBytes(item.path("RemainingAmount"), remainingGb) : Math.max(0, capacity - used);

        String status = item.optionalText("Status");
        PackageSnapshot.Builder b = SnapshotBase.start(env, Vendor.TENCENT, Product.VPC, packageId(env))
                .setName(item.optionalText("TrafficPackageName"))
                .setKind(PackageKind.TRAFFIC)
                .setUnit(AmountUnit.BYTES)
                .setCapacity(capacity)
                .setUsed(used)
                .setRemaining(remaining)
                .setOriginalAmounts(OriginalAmounts.newBuilder()
                        .setUnit("GB")
                        .setTotal(totalGb.toPlainString())
                        .setUsed(usedGb.toPlainString())
                        .setRemaining(remainingGb == null ? null : remainingGb.toPlainString())
                        .setConversion(CONVERSION)
                        .build())
                .setStatus(status(status))
                .setVendorStatus(status)
                .setCreatedAt(item.optionalUtcInstant("CreatedTime"))
                .setExpiresAt(item.optionalUtcInstant("Deadline"))
                .setTags(tags(item.get("TagSet"), item.path("TagSet")));
        String deduct = item.optionalText("DeductType");
        if (deduct == null || deduct.equals("FULL_TIME")) {
            // FULL_TIME is the documented default of CreateTrafficPackages.DeductType, so an absent value means it.
            b.setDeductPolicy(DeductPolicy.FULL_TIME);
        } else if (deduct.equals("IDLE_TIME")) {
            SnapshotBase.offPeak(b);
        } else {
            b.setDeductPolicy(DeductPolicy.UNKNOWN);
        }
        return b.build();
    }

    static long toBytes(String path, BigDecimal gb) {
        return JsonFields.exactLong(path, gb.multiply(BYTES_PER_GB).setScale(0, RoundingMode.HALF_UP));
    }

    static PackageStatus status(String vendorStatus) {
        if (vendorStatus == null) {
            return PackageStatus.UNKNOWN;
        }
        return switch (vendorStatus) {
            case "AVAILABLE" -> PackageStatus.ACTIVE;
            case "EXPIRED" -> PackageStatus.EXPIRED;
            case "EXHAUSTED" -> PackageStatus.EXHAUSTED;
            case "REFUNDED" -> PackageStatus.REFUNDED;
            case "DELETED" -> PackageStatus.DELETED;
            default -> PackageStatus.UNKNOWN;
        };
    }

    /** TagSet entries with a null Key carry nothing addressable and are skipped; a null Value becomes "". */
    private static Map<String, String> tags(JsonNode tagSet, String path) {
        Map<String, String> tags = new HashMap<>();
        if (tagSet == null) {
            return tags;
        }
        if (!tagSet.isArray()) {
            throw new NormalizationException(path, "expected an array of {Key, Value}");
        }
        for (JsonNode tag : tagSet) {
            JsonNode key = tag.get("Key");
            if (key == null || key.isNull()) {
                continue;
            }
            JsonNode value = tag.get("Value");
            tags.put(key.asText(), value == null || value.isNull() ? "" : value.asText());
        }
        return tags;
    }
}
