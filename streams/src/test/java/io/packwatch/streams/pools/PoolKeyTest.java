package io.packwatch.streams.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pool key of each API's packages, from its pool rule. */
class PoolKeyTest {

    private static PackageSnapshot snapshot(Vendor vendor, Product product, String region, PackageKind kind,
                                            DeductPolicy deduct) {
        return PackageSnapshot.newBuilder()
                .setPackageKey("k").setVendor(vendor).setProduct(product).setAccount("acme").setRegion(region)
                .setPackageId("p").setKind(kind).setUnit(AmountUnit.BYTES).setCapacity(1).setUsed(0).setRemaining(1)
                .setStatus(PackageStatus.ACTIVE).setDeductPolicy(deduct).setObservedAt(Instant.EPOCH).setPollId("p")
                .build();
    }

    private static Optional<String> key(Vendor vendor, Product product, String region, PackageKind kind, DeductPolicy deduct) {
        return PoolKey.of(snapshot(vendor, product, region, kind, deduct)).map(PoolKey::toString);
    }

    @Test
    void eachApiPoolsByItsRule() {
        assertThat(key(Vendor.BAIDU, Product.EIP, "bj", PackageKind.TRAFFIC, DeductPolicy.FULL_TIME))
                .contains("baidu-eip/acme/bj/TRAFFIC/FULL_TIME");
        assertThat(key(Vendor.BAIDU, Product.EIP, "bj", PackageKind.TRAFFIC, DeductPolicy.OFF_PEAK))
                .contains("baidu-eip/acme/bj/TRAFFIC/OFF_PEAK");
        assertThat(key(Vendor.TENCENT, Product.VPC, "ap-guangzhou", PackageKind.TRAFFIC, DeductPolicy.OFF_PEAK))
                .contains("tencent-vpc/acme/ap-guangzhou/TRAFFIC/OFF_PEAK");
        // Live: account-wide, one lane per kind, and no idle lane even for an off-peak policy
        assertThat(key(Vendor.TENCENT, Product.LIVE, null, PackageKind.TRANSCODE, DeductPolicy.OFF_PEAK))
                .contains("tencent-live/acme/-/TRANSCODE/FULL_TIME");
        // CDN: the snapshot's region is its billing region
        assertThat(key(Vendor.TENCENT, Product.CDN, "overseas", PackageKind.TRAFFIC, DeductPolicy.FULL_TIME))
                .contains("tencent-cdn/acme/overseas/TRAFFIC/FULL_TIME");
        assertThat(key(Vendor.TENCENT, Product.LIGHTHOUSE, "ap-guangzhou", PackageKind.TRAFFIC, DeductPolicy.FULL_TIME)).isEmpty();
        assertThat(key(Vendor.UNKNOWN, Product.UNKNOWN, "x", PackageKind.TRAFFIC, DeductPolicy.FULL_TIME)).isEmpty();
    }

    @Test
    void aPackageWithAnOverlongKeyIsLeftOutOfPools() {
        PackageSnapshot s = snapshot(Vendor.BAIDU, Product.EIP, "bj", PackageKind.TRAFFIC, DeductPolicy.FULL_TIME);
        s.setPackageKey("baidu-eip/acme/bj/" + "x".repeat(PoolKey.MAX_KEY_CHARS));
        assertThat(PoolKey.of(s)).isEmpty();
        s.setPackageKey("baidu-eip/acme/bj/p");
        s.setRegion("r".repeat(PoolKey.MAX_KEY_CHARS + 1));
        assertThat(PoolKey.of(s)).isEmpty();
    }
}
