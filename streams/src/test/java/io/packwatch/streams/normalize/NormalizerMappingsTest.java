package io.packwatch.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.VendorApi;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.Envelopes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each normalizer maps without the topology: the vendor's status, kind, unit, deduction and renewal values (the
 * documented ones, an unknown one and an absent one), the package id and key, tags, and the region of the envelope.
 * The expected values follow vendor-spec.md and docs/streams.md, not the code.
 */
class NormalizerMappingsTest {
    private static final Instant COLLECTED = Instant.parse("2024-07-16T10:46:08Z");

    private static RawEnvelope envelope(VendorApi api, String region, String instanceId, String item) {
        return new RawEnvelope(RawEnvelope.Type.PACKAGE, api, null, null, "prod", region, null, null, "p-1", COLLECTED,
                "req-1", null, instanceId, null, Envelopes.json(item), null);
    }

    private static PackageSnapshot vpc(String fields) {
        return new TencentVpcNormalizer().normalize(envelope(VendorApi.TENCENT_VPC, "ap-guangzhou", null,
                "{\"TrafficPackageId\":\"tfp-1\",\"TotalAmount\":100,\"UsedAmount\":30" + fields + "}"));
    }

    private static PackageSnapshot live(String fields) {
        return new TencentLiveNormalizer().normalize(envelope(VendorApi.TENCENT_LIVE, null, null,
                "{\"Id\":\"281975\",\"Total\":1000,\"Used\":300" + fields + "}"));
    }

    private static PackageSnapshot baidu(String fields) {
        return new BaiduEipNormalizer().normalize(envelope(VendorApi.BAIDU_EIP, "bj", null,
                "{\"id\":\"tp-1\",\"capacity\":1000,\"usedCapacity\":300" + fields + "}"));
    }

    private static PackageSnapshot cdn(String fields) {
        return new TencentCdnNormalizer().normalize(envelope(VendorApi.TENCENT_CDN, null, null,
                "{\"Id\":22890370,\"Bytes\":100000000000,\"BytesUsed\":40000000000" + fields + "}"));
    }

    @Test
    void vpcStatusesAndDeductionTypes() {
        assertThat(TencentVpcNormalizer.status("AVAILABLE")).isEqualTo(PackageStatus.ACTIVE);
        assertThat(TencentVpcNormalizer.status("EXPIRED")).isEqualTo(PackageStatus.EXPIRED);
        assertThat(TencentVpcNormalizer.status("EXHAUSTED")).isEqualTo(PackageStatus.EXHAUSTED);
        assertThat(TencentVpcNormalizer.status("REFUNDED")).isEqualTo(PackageStatus.REFUNDED);
        assertThat(TencentVpcNormalizer.status("DELETED")).isEqualTo(PackageStatus.DELETED);
        assertThat(TencentVpcNormalizer.status("ISOLATED")).isEqualTo(PackageStatus.UNKNOWN);
        PackageSnapshot noStatus = vpc("");
        assertThat(noStatus.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(noStatus.getVendorStatus()).isNull();

        // FULL_TIME is CreateTrafficPackages' documented default, so an absent DeductType means it
        assertThat(noStatus.getDeductPolicy()).isEqualTo(DeductPolicy.FULL_TIME);
        assertThat(noStatus.getOffPeakWindow()).isNull();
        assertThat(vpc(",\"DeductType\":\"FULL_TIME\"").getDeductPolicy()).isEqualTo(DeductPolicy.FULL_TIME);
        PackageSnapshot idle = vpc(",\"DeductType\":\"IDLE_TIME\"");
        assertThat(idle.getDeductPolicy()).isEqualTo(DeductPolicy.OFF_PEAK);
        assertThat(idle.getOffPeakWindow().getStart()).isEqualTo("00:00");
        assertThat(idle.getOffPeakWindow().getEnd()).isEqualTo("08:00");
        assertThat(idle.getOffPeakWindow().getZone()).isEqualTo("Asia/Shanghai");
        PackageSnapshot other = vpc(",\"DeductType\":\"NIGHT_ONLY\"");
        assertThat(other.getDeductPolicy()).isEqualTo(DeductPolicy.UNKNOWN);
        assertThat(other.getOffPeakWindow()).isNull();
    }

    @Test
    void vpcTagsSkipEntriesWithoutAKeyAndKeepEmptyValues() {
        PackageSnapshot s = vpc(",\"TagSet\":[{\"Key\":\"team\",\"Value\":\"cdn\"},{\"Key\":null,\"Value\":\"lost\"},"
                + "{\"Value\":\"lost too\"},{\"Key\":\"env\",\"Value\":null},{\"Key\":\"owner\"}]");
        assertThat(s.getTags()).isEqualTo(Map.of("team", "cdn", "env", "", "owner", ""));
        assertThat(vpc("").getTags()).isEmpty();
        assertThat(vpc(",\"TagSet\":null").getTags()).isEmpty();
        assertThatThrownBy(() -> vpc(",\"TagSet\":{\"Key\":\"team\"}"))
                .isInstanceOfSatisfying(NormalizationException.class, e -> assertThat(e.field()).isEqualTo("item.TagSet"))
                .hasMessageContaining("expected an array of {Key, Value}");
    }

    @Test
    void vpcNameAndTimes() {
        PackageSnapshot s = vpc(",\"TrafficPackageName\":\"shared-1\",\"CreatedTime\":\"2024-07-01T02:00:00Z\","
                + "\"Deadline\":\"\"");
        assertThat(s.getName()).isEqualTo("shared-1");
        assertThat(s.getCreatedAt()).isEqualTo(Instant.parse("2024-07-01T02:00:00Z"));
        assertThat(s.getExpiresAt()).as("an empty time is no time").isNull();
        assertThat(vpc("").getName()).isNull();
    }

    @Test
    void liveTypesDecideKindAndUnit() {
        assertThat(live(",\"Type\":0").getKind()).isEqualTo(PackageKind.TRAFFIC);
        assertThat(live(",\"Type\":0").getUnit()).isEqualTo(AmountUnit.BYTES);
        assertThat(live(",\"Type\":1").getKind()).isEqualTo(PackageKind.TRANSCODE);
        assertThat(live(",\"Type\":1").getUnit()).isEqualTo(AmountUnit.MINUTES);
        assertThat(live(",\"Type\":2").getKind()).isEqualTo(PackageKind.TOP_SPEED_TRANSCODE);
        assertThat(live(",\"Type\":2").getUnit()).isEqualTo(AmountUnit.MINUTES);
        assertThat(live(",\"Type\":\"3\"").getKind()).as("a numeric string").isEqualTo(PackageKind.CO_ANCHORING);
        assertThat(live(",\"Type\":3").getUnit()).isEqualTo(AmountUnit.HOURS);
        assertThat(live(",\"Type\":7").getKind()).isEqualTo(PackageKind.UNKNOWN);
        assertThat(live(",\"Type\":7").getUnit()).isEqualTo(AmountUnit.UNKNOWN);
        assertThat(live("").getKind()).isEqualTo(PackageKind.UNKNOWN);
        assertThat(live("").getUnit()).isEqualTo(AmountUnit.UNKNOWN);
    }

    @Test
    void liveStatusesAndRenewal() {
        String[] expected = {"NOT_STARTED", "ACTIVE", "EXPIRED", "FROZEN", "EXHAUSTED", "REFUNDED", "UNKNOWN"};
        for (int code = 0; code < expected.length; code++) {
            PackageSnapshot s = live(",\"Status\":" + code);
            assertThat(s.getStatus()).as("Status " + code).hasToString(expected[code]);
            assertThat(s.getVendorStatus()).isEqualTo(Integer.toString(code));
        }
        PackageSnapshot noStatus = live("");
        assertThat(noStatus.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(noStatus.getVendorStatus()).isNull();

        assertThat(live(",\"WillRenew\":1").getAutoRenew()).isTrue();
        assertThat(live(",\"WillRenew\":0").getAutoRenew()).isFalse();
        assertThat(live(",\"WillRenew\":2").getAutoRenew()).as("not a documented value").isNull();
        assertThat(live(",\"WillRenew\":-1").getAutoRenew()).isNull();
        assertThat(noStatus.getAutoRenew()).isNull();
        assertThat(live(",\"RenewalResult\":3").getRenewalResult()).isEqualTo(3);
        assertThat(live(",\"ExpireTime\":\"2024-08-01 00:00:00\"").getExpiresAt())
                .isEqualTo(Instant.parse("2024-07-31T16:00:00Z"));
    }

    @Test
    void lighthouseStatusesAndItsInstance() {
        assertThat(TencentLighthouseNormalizer.status("NETWORK_NORMAL")).isEqualTo(PackageStatus.ACTIVE);
        assertThat(TencentLighthouseNormalizer.status("OVERDUE_NETWORK_DISABLED")).isEqualTo(PackageStatus.NETWORK_DISABLED);
        assertThat(TencentLighthouseNormalizer.status("SHUTDOWN")).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(TencentLighthouseNormalizer.status(null)).isEqualTo(PackageStatus.UNKNOWN);
        String item = "{\"TrafficPackageId\":\"lhtfp-1\",\"TrafficPackageTotal\":1000,\"TrafficUsed\":10}";
        PackageSnapshot s = new TencentLighthouseNormalizer().normalize(
                envelope(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", "lhins-1", item));
        assertThat(s.getResourceId()).isEqualTo("lhins-1");
        assertThat(s.getPackageId()).isEqualTo("lhtfp-1");
        assertThat(s.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThatThrownBy(() -> new TencentLighthouseNormalizer().packageId(
                envelope(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", " ", item)))
                .isInstanceOfSatisfying(NormalizationException.class, e -> assertThat(e.field()).isEqualTo("$.instanceId"));
    }

    @Test
    void baiduAmountsStatusesAndDeductPolicies() {
        PackageSnapshot s = baidu(",\"status\":\"RUNNING\",\"deductPolicy\":\"FullTimeDurationPackage\"");
        assertThat(s.getCapacity()).isEqualTo(1000);
        assertThat(s.getUsed()).isEqualTo(300);
        assertThat(s.getRemaining()).as("capacity - used: Baidu sends no remaining").isEqualTo(700);
        assertThat(s.getStatus()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(s.getDeductPolicy()).isEqualTo(DeductPolicy.FULL_TIME);
        PackageSnapshot idle = baidu(",\"deductPolicy\":\"TimeDurationPackage\"");
        assertThat(idle.getDeductPolicy()).isEqualTo(DeductPolicy.OFF_PEAK);
        assertThat(idle.getOffPeakWindow().getEnd()).isEqualTo("08:00");
        assertThat(baidu("").getDeductPolicy()).isEqualTo(DeductPolicy.UNKNOWN);
        assertThat(baidu("").getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(BaiduEipNormalizer.status("EXPIRED")).isEqualTo(PackageStatus.EXPIRED);
        assertThat(BaiduEipNormalizer.status("USED_UP")).isEqualTo(PackageStatus.EXHAUSTED);
        assertThat(BaiduEipNormalizer.status("PAUSED")).isEqualTo(PackageStatus.UNKNOWN);

        assertThatThrownBy(() -> new BaiduEipNormalizer().normalize(envelope(VendorApi.BAIDU_EIP, "bj", null,
                "{\"id\":\"tp-1\",\"capacity\":\"1000\",\"usedCapacity\":\"1001\"}")))
                .isInstanceOfSatisfying(NormalizationException.class,
                        e -> assertThat(e.field()).isEqualTo("item.usedCapacity"))
                .hasMessageContaining("used 1001 exceeds capacity 1000");
    }

    @Test
    void cdnAmountsStatusAndRenewalWithoutTheOptionalFields() {
        PackageSnapshot s = cdn(",\"Status\":\"enabled\"");
        assertThat(s.getRemaining()).isEqualTo(60_000_000_000L);
        assertThat(s.getStatus()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(cdn("").getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(cdn("").getVendorStatus()).isNull();
        // older responses: AutoExtension alone says it; neither field is unknown, not "no"
        assertThat(cdn(",\"AutoExtension\":false").getAutoRenew()).isFalse();
        assertThat(cdn("").getAutoRenew()).isNull();
        assertThat(cdn(",\"ExtensionMode\":9,\"AutoExtension\":true").getAutoRenew()).as("an unknown mode").isNull();
        // a package without capacity is not used up by using nothing
        assertThat(new TencentCdnNormalizer().normalize(envelope(VendorApi.TENCENT_CDN, null, null,
                "{\"Id\":1,\"Bytes\":0,\"BytesUsed\":0,\"Status\":\"enabled\"}")).getStatus()).isEqualTo(PackageStatus.ACTIVE);
    }

    @Test
    void cdnBillingRegions() {
        assertThat(TencentCdnNormalizer.billingRegion("overseas", 8)).isEqualTo("africa");
        assertThat(TencentCdnNormalizer.billingRegion("overseas", 9)).as("a Region we do not know")
                .isEqualTo("overseas-region-9");
        assertThat(TencentCdnNormalizer.billingRegion("overseas", -1)).isEqualTo("overseas-region--1");
        assertThat(TencentCdnNormalizer.billingRegion(null, 42)).isEqualTo("region-42");
        assertThat(TencentCdnNormalizer.billingRegion(" ", 42)).isEqualTo("region-42");
        assertThat(TencentCdnNormalizer.billingRegion(" ", null)).isNull();
        assertThat(TencentCdnNormalizer.billingRegion(null, null)).isNull();
    }

    @Test
    void everyNormalizerNamesThePackageByTheVendorsId() {
        assertThat(new TencentVpcNormalizer().packageId(envelope(VendorApi.TENCENT_VPC, "r", null,
                "{\"TrafficPackageId\":\"tfp-9\"}"))).isEqualTo("tfp-9");
        assertThat(new TencentLiveNormalizer().packageId(envelope(VendorApi.TENCENT_LIVE, null, null,
                "{\"Id\":281975}"))).isEqualTo("281975");
        assertThat(new TencentLighthouseNormalizer().packageId(envelope(VendorApi.TENCENT_LIGHTHOUSE, "r", "lhins-1",
                "{\"TrafficPackageId\":\"lhtfp-9\"}"))).isEqualTo("lhtfp-9");
        assertThat(new BaiduEipNormalizer().packageId(envelope(VendorApi.BAIDU_EIP, "bj", null,
                "{\"id\":\"tp-9\"}"))).isEqualTo("tp-9");
        assertThat(new TencentCdnNormalizer().packageId(envelope(VendorApi.TENCENT_CDN, null, null,
                "{\"Id\":22890370}"))).isEqualTo("22890370");
        assertThat(Normalizers.packageKey(envelope(VendorApi.TENCENT_VPC, "ap-guangzhou", null,
                "{\"TrafficPackageId\":\"tfp-9\"}"))).isEqualTo("tencent-vpc/prod/ap-guangzhou/tfp-9");
    }

    @Test
    void anEmptyRegionIsNoRegion() {
        assertThat(new BaiduEipNormalizer().normalize(envelope(VendorApi.BAIDU_EIP, "", null,
                "{\"id\":\"tp-1\",\"capacity\":1000,\"usedCapacity\":300}")).getRegion()).isNull();
        assertThat(baidu("").getRegion()).isEqualTo("bj");
    }
}
