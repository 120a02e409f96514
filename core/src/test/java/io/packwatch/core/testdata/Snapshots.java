package io.packwatch.core.testdata;

import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.time.Instant;
import java.util.Map;

/** A fully populated snapshot for serde tests. */
public final class Snapshots {

    private Snapshots() {
    }

    public static PackageSnapshot lighthouse() {
        return PackageSnapshot.newBuilder()
                .setPackageKey("tencent-lighthouse/prod/ap-guangzhou/lhins-7h98ep3z/lhtfp-o1wtyyvx")
                .setVendor(Vendor.TENCENT)
                .setProduct(Product.LIGHTHOUSE)
                .setAccount("prod")
                .setRegion("ap-guangzhou")
                .setPackageId("lhtfp-o1wtyyvx")
                .setResourceId("lhins-7h98ep3z")
                .setKind(PackageKind.TRAFFIC)
                .setUnit(AmountUnit.BYTES)
                .setCapacity(536_870_912_000L)
                .setUsed(1_073_741_824L)
                .setRemaining(535_797_170_176L)
                .setOverflow(0L)
                .setStatus(PackageStatus.ACTIVE)
                .setVendorStatus("NETWORK_NORMAL")
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCycleStart(Instant.parse("2024-07-01T00:00:00Z"))
                .setCycleEnd(Instant.parse("2024-08-01T00:00:00Z"))
                .setExpiresAt(Instant.parse("2025-07-01T00:00:00Z"))
                .setTags(Map.of("team", "cdn"))
                .setObservedAt(Instant.parse("2024-07-16T10:46:08.120Z"))
                .setPollId("poll-1")
                .build();
    }
}
