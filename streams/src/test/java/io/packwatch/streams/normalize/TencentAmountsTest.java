package io.packwatch.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.VendorApi;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.Envelopes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The amounts of the Tencent normalizers: the vendor's own remaining figure wins over capacity - used (the vendor
 * may count what we cannot see, so the test data makes the two differ), capacity - used is the fallback, and used
 * beyond capacity (+ overflow) is an inconsistent item, not a snapshot.
 */
class TencentAmountsTest {
    private static final long GB = 1L << 30;
    private static final Instant COLLECTED = Instant.parse("2024-07-16T10:46:08Z");

    private static RawEnvelope envelope(String api, String instanceId, String item) {
        return new RawEnvelope(RawEnvelope.Type.PACKAGE, VendorApi.fromId(api), null, null, "prod", "ap-guangzhou", null,
                null, "p-1", COLLECTED, "req-1", null, instanceId, null, Envelopes.json(item), null);
    }

    private static PackageSnapshot vpc(String amounts) {
        return new TencentVpcNormalizer().normalize(envelope("tencent-vpc", null,
                "{\"TrafficPackageId\":\"tfp-1\",\"Status\":\"AVAILABLE\"," + amounts + "}"));
    }

    private static PackageSnapshot lighthouse(String amounts) {
        return new TencentLighthouseNormalizer().normalize(envelope("tencent-lighthouse", "lhins-1",
                "{\"TrafficPackageId\":\"lhtfp-1\",\"Status\":\"NETWORK_NORMAL\"," + amounts + "}"));
    }

    private static PackageSnapshot live(String amounts) {
        return new TencentLiveNormalizer().normalize(envelope("tencent-live", null,
                "{\"Id\":\"281975\",\"Type\":1,\"Status\":1," + amounts + "}"));
    }

    @Test
    void vpcKeepsTheVendorsRemainingWhereItDiffersFromCapacityMinusUsed() {
        PackageSnapshot s = vpc("\"TotalAmount\":100,\"UsedAmount\":30,\"RemainingAmount\":60");
        assertThat(s.getCapacity()).isEqualTo(100 * GB);
        assertThat(s.getUsed()).isEqualTo(30 * GB);
        assertThat(s.getRemaining()).isEqualTo(60 * GB);
        assertThat(s.getOriginalAmounts().getRemaining()).isEqualTo("60");
    }

    @Test
    void vpcWithoutRemainingUsesCapacityMinusUsedAndNeverGoesNegative() {
        assertThat(vpc("\"TotalAmount\":100,\"UsedAmount\":30").getRemaining()).isEqualTo(70 * GB);
        // float32 rounding of the vendor's figures: used a hair above capacity is accepted, remaining is 0
        PackageSnapshot overByRounding = vpc("\"TotalAmount\":100,\"UsedAmount\":100.00001");
        assertThat(overByRounding.getUsed()).isGreaterThan(overByRounding.getCapacity());
        assertThat(overByRounding.getRemaining()).isZero();
    }

    @Test
    void vpcUsedBeyondCapacityAndRoundingIsRejectedNamingTheField() {
        assertThatThrownBy(() -> vpc("\"TotalAmount\":100,\"UsedAmount\":100.001"))
                .isInstanceOfSatisfying(NormalizationException.class,
                        e -> assertThat(e.field()).isEqualTo("item.UsedAmount"))
                .hasMessageContaining("exceeds capacity");
    }

    @Test
    void lighthouseKeepsTheVendorsRemainingWhereItDiffersFromCapacityMinusUsed() {
        PackageSnapshot s = lighthouse("\"TrafficPackageTotal\":1000,\"TrafficUsed\":300,\"TrafficPackageRemaining\":650");
        assertThat(s.getCapacity()).isEqualTo(1000);
        assertThat(s.getUsed()).isEqualTo(300);
        assertThat(s.getRemaining()).isEqualTo(650);
        assertThat(s.getOverflow()).isZero();
    }

    @Test
    void lighthouseWithoutRemainingUsesCapacityMinusUsedAndNeverGoesNegative() {
        assertThat(lighthouse("\"TrafficPackageTotal\":1000,\"TrafficUsed\":300").getRemaining()).isEqualTo(700);
        PackageSnapshot overflowing = lighthouse("\"TrafficPackageTotal\":1000,\"TrafficUsed\":1200,\"TrafficOverflow\":200");
        assertThat(overflowing.getRemaining()).isZero();
        assertThat(overflowing.getOverflow()).isEqualTo(200);
    }

    @Test
    void lighthouseUsedBeyondCapacityPlusOverflowIsRejectedNamingTheField() {
        assertThatThrownBy(() -> lighthouse("\"TrafficPackageTotal\":1000,\"TrafficUsed\":1201,\"TrafficOverflow\":200"))
                .isInstanceOfSatisfying(NormalizationException.class,
                        e -> assertThat(e.field()).isEqualTo("item.TrafficUsed"))
                .hasMessageContaining("used 1201 exceeds capacity 1000 + overflow 200");
        assertThatThrownBy(() -> lighthouse("\"TrafficPackageTotal\":1000,\"TrafficUsed\":1001"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageEndingWith("used 1001 exceeds capacity 1000 beyond rounding");
    }

    @Test
    void liveKeepsTheVendorsLeftWhereItDiffersFromTotalMinusUsed() {
        PackageSnapshot s = live("\"Total\":1000,\"Used\":300,\"Left\":650");
        assertThat(s.getCapacity()).isEqualTo(1000);
        assertThat(s.getUsed()).isEqualTo(300);
        assertThat(s.getRemaining()).isEqualTo(650);
        assertThat(live("\"Total\":1000,\"Used\":300").getRemaining()).isEqualTo(700);
        assertThat(live("\"Total\":1000,\"Used\":1000").getRemaining()).isZero();
    }

    @Test
    void liveUsedBeyondTotalIsRejectedNamingTheField() {
        assertThatThrownBy(() -> live("\"Total\":1000,\"Used\":1001,\"Left\":0"))
                .isInstanceOfSatisfying(NormalizationException.class, e -> assertThat(e.field()).isEqualTo("item.Used"))
                .hasMessageContaining("used 1001 exceeds capacity 1000");
    }
}
