package io.packwatch.streams;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static io.packwatch.streams.Envelopes.seed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.LocalTimeWindow;
import io.packwatch.schema.OriginalAmounts;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every example payload of the vendor docs (/work/shared/seeds, copied to src/test/resources/seeds) through the
 * production topology; each output snapshot is compared with a fully specified expected record, so every field is
 * asserted (Avro records compare field by field).
 */
class NormalizeSeedsTest {
    private static final Instant COLLECTED = Instant.parse("2024-07-16T10:46:08.120Z");
    private static final Instant RECORD_TS = Instant.parse("2024-07-16T10:46:08.500Z");
    private static final String VPC_GB = "1 GB = 2^30 bytes (1073741824), rounded half-up to whole bytes";

    @TempDir
    Path stateDir;
    TopologyFixture t;

    @BeforeEach
    void start() {
        t = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private TestRecord<String, PackageSnapshot> normalize(VendorApi api, ObjectNode envelope, String key) {
        t.pipe(api, key, bytes(envelope), RECORD_TS);
        assertThat(t.dlq.isEmpty()).as("nothing dead-lettered").isTrue();
        TestRecord<String, PackageSnapshot> out = t.packages.readRecord();
        assertThat(out.key()).isEqualTo(key);
        assertThat(out.getRecordTime()).isEqualTo(RECORD_TS);
        return out;
    }

    private static PackageSnapshot.Builder identity(String key, Vendor vendor, Product product, String region,
                                                    String packageId, String pollId) {
        return PackageSnapshot.newBuilder()
                .setPackageKey(key).setVendor(vendor).setProduct(product).setAccount("prod")
                .setRegion(region).setPackageId(packageId).setResourceId(null).setName(null)
                .setOverflow(0L).setOriginalAmounts(null).setOffPeakWindow(null)
                .setCreatedAt(null).setActivatedAt(null).setCycleStart(null).setCycleEnd(null).setExpiresAt(null)
                .setTags(Map.of()).setAutoRenew(null).setRenewalResult(null)
                .setObservedAt(COLLECTED).setPollId(pollId).setVendorRequestId("req-" + pollId);
    }

    @Test
    void vpcSeedTenGigabytesBecomeBinaryBytesAndKeepTheGbDecimals() {
        JsonNode item = seed("tencent-vpc-DescribeTrafficPackages.json").at("/Response/TrafficPackageSet/0");
        String key = "tencent-vpc/prod/ap-guangzhou/tfp-g67jlh1j";
        PackageSnapshot out = normalize(VendorApi.TENCENT_VPC,
                pkg("tencent-vpc", "prod", "ap-guangzhou", "vpc-1", COLLECTED, item), key).value();

        assertThat(out).isEqualTo(identity(key, Vendor.TENCENT, Product.VPC, "ap-guangzhou", "tfp-g67jlh1j", "vpc-1")
                .setName("Unnamed")
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(10L * 1073741824L).setUsed(0L).setRemaining(10L * 1073741824L)
                .setOriginalAmounts(OriginalAmounts.newBuilder().setUnit("GB").setTotal("10").setUsed("0")
                        .setRemaining("10").setConversion(VPC_GB).build())
                .setStatus(PackageStatus.ACTIVE).setVendorStatus("AVAILABLE")
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCreatedAt(Instant.parse("2022-08-31T11:42:37Z"))
                .setExpiresAt(Instant.parse("2022-09-30T11:42:36Z"))
                .setTags(Map.of("aa", "bb"))
                .build());
    }

    @Test
    void vpcFractionalGigabytesAreConvertedExactlyAndIdleTimeIsOffPeak() {
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"tfp-frac","TrafficPackageName":null,"TotalAmount":7.5,"RemainingAmount":7.4,
                 "UsedAmount":0.1,"Status":"EXHAUSTED","CreatedTime":"2022-08-31T11:42:37Z","Deadline":null,
                 "DeductType":"IDLE_TIME","TagSet":[{"Key":"k","Value":null},{"Key":null,"Value":"x"}]}""");
        String key = "tencent-vpc/prod/ap-guangzhou/tfp-frac";
        PackageSnapshot out = normalize(VendorApi.TENCENT_VPC,
                pkg("tencent-vpc", "prod", "ap-guangzhou", "vpc-2", COLLECTED, item), key).value();

        assertThat(out).isEqualTo(identity(key, Vendor.TENCENT, Product.VPC, "ap-guangzhou", "tfp-frac", "vpc-2")
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(8053063680L)           // 7.5 * 2^30 exactly
                .setUsed(107374182L)                // 0.1 * 2^30 = 107374182.4 -> half-up 107374182
                .setRemaining(7945689498L)          // 7.4 * 2^30 = 7945689497.6 -> 7945689498
                .setOriginalAmounts(OriginalAmounts.newBuilder().setUnit("GB").setTotal("7.5").setUsed("0.1")
                        .setRemaining("7.4").setConversion(VPC_GB).build())
                .setStatus(PackageStatus.EXHAUSTED).setVendorStatus("EXHAUSTED")
                .setDeductPolicy(DeductPolicy.OFF_PEAK)
                .setOffPeakWindow(new LocalTimeWindow("00:00", "08:00", "Asia/Shanghai"))
                .setCreatedAt(Instant.parse("2022-08-31T11:42:37Z"))
                .setTags(Map.of("k", ""))
                .build());
    }

    @Test
    void lighthouseSeedBothInstancesWithInstanceInTheKey() {
        JsonNode set = seed("tencent-lighthouse-DescribeInstancesTrafficPackages.json").at("/Response/InstanceTrafficPackageSet");
        record Expected(String instance, String id, long used, long remaining, String start, String end, String deadline) {
        }
        List<Expected> expected = List.of(
                new Expected("lhins-7h98ep3z", "lhtfp-o1wtyyvx", 5905577L, 536865006423L,
                        "2020-06-28T08:15:18Z", "2020-07-28T08:15:17Z", "2020-07-28T08:15:18Z"),
                new Expected("lhins-abtdx7eb", "lhtfp-4noj8p75", 3435972L, 536867476028L,
                        "2020-06-28T08:08:57Z", "2020-07-28T08:08:56Z", "2020-07-28T08:08:57Z"));
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            JsonNode instance = set.get(i);
            ObjectNode env = pkg("tencent-lighthouse", "prod", "ap-guangzhou", "lh-1", COLLECTED,
                    instance.at("/TrafficPackageSet/0"));
            env.put("instanceId", instance.get("InstanceId").asText());
            String key = "tencent-lighthouse/prod/ap-guangzhou/" + e.instance() + "/" + e.id();
            PackageSnapshot out = normalize(VendorApi.TENCENT_LIGHTHOUSE, env, key).value();
            assertThat(out).isEqualTo(identity(key, Vendor.TENCENT, Product.LIGHTHOUSE, "ap-guangzhou", e.id(), "lh-1")
                    .setResourceId(e.instance())
                    .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                    .setCapacity(536870912000L).setUsed(e.used()).setRemaining(e.remaining()).setOverflow(0L)
                    .setStatus(PackageStatus.ACTIVE).setVendorStatus("NETWORK_NORMAL")
                    .setDeductPolicy(DeductPolicy.FULL_TIME)
                    .setCycleStart(Instant.parse(e.start())).setCycleEnd(Instant.parse(e.end()))
                    .setExpiresAt(Instant.parse(e.deadline()))
                    .build());
        }
    }

    @Test
    void lighthouseOverflowIsKeptAndUsedBeyondTheQuotaIsNotAnError() {
        ObjectNode env = pkg("tencent-lighthouse", "prod", "ap-guangzhou", "lh-2", COLLECTED, json("""
                {"TrafficPackageId":"lhtfp-over","TrafficUsed":537944653824,"TrafficPackageTotal":536870912000,
                 "TrafficPackageRemaining":0,"TrafficOverflow":1073741824,"StartTime":"2024-07-01T00:00:00Z",
                 "EndTime":"2024-08-01T00:00:00Z","Deadline":"2025-07-01T00:00:00Z","Status":"OVERDUE_NETWORK_DISABLED"}"""));
        env.put("instanceId", "lhins-over");
        String key = "tencent-lighthouse/prod/ap-guangzhou/lhins-over/lhtfp-over";
        PackageSnapshot out = normalize(VendorApi.TENCENT_LIGHTHOUSE, env, key).value();

        assertThat(out).isEqualTo(identity(key, Vendor.TENCENT, Product.LIGHTHOUSE, "ap-guangzhou", "lhtfp-over", "lh-2")
                .setResourceId("lhins-over")
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(536870912000L).setUsed(537944653824L).setRemaining(0L).setOverflow(1073741824L)
                .setStatus(PackageStatus.NETWORK_DISABLED).setVendorStatus("OVERDUE_NETWORK_DISABLED")
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCycleStart(Instant.parse("2024-07-01T00:00:00Z")).setCycleEnd(Instant.parse("2024-08-01T00:00:00Z"))
                .setExpiresAt(Instant.parse("2025-07-01T00:00:00Z"))
                .build());
    }

    @ParameterizedTest(name = "Live seed item {0}")
    @CsvSource({
            // index, Id, Status, normalized, Total, Used, Left, BuyTime (UTC), ExpireTime (UTC)
            "0, 281975, 1, ACTIVE,    500000000000,  2365271265,    497634728735, 2024-07-16T10:46:08Z, 2025-07-16T10:46:08Z",
            "1, 272177, 4, EXHAUSTED, 500000000000,  500000000000,  0,            2023-12-05T02:17:04Z, 2024-12-05T02:17:04Z",
            "2, 265480, 4, EXHAUSTED, 100000000000,  100000000000,  0,            2023-07-14T06:14:30Z, 2024-07-14T06:14:30Z",
            "3, 242917, 4, EXHAUSTED, 1000000000000, 1000000000000, 0,            2022-09-30T02:01:19Z, 2023-09-30T02:01:19Z",
            "4, 224805, 4, EXHAUSTED, 100000000000,  100000000000,  0,            2022-04-01T02:13:27Z, 2023-04-01T02:13:27Z",
            "5, 224804, 4, EXHAUSTED, 100000000000,  100000000000,  0,            2022-04-01T02:13:27Z, 2023-04-01T02:13:27Z",
            "6, 210034, 4, EXHAUSTED, 100000000000,  100000000000,  0,            2021-11-16T08:48:39Z, 2022-11-16T08:48:39Z",
            "7, 174007, 4, EXHAUSTED, 100000000000,  100000000000,  0,            2021-03-19T08:21:52Z, 2022-03-19T08:21:52Z",
            "8, 138556, 4, EXHAUSTED, 20000000000,   20000000000,   0,            2020-09-09T04:45:48Z, 2021-09-09T04:45:48Z"})
    void liveSeedBeijingTimesBecomeUtcAndTrafficIsBytes(int index, String id, int status, PackageStatus normalized,
                                                        long total, long used, long left, String buy, String expire) {
        JsonNode item = seed("tencent-live-DescribeLivePackageInfo.json").at("/Response/LivePackageInfoList/" + index);
        ObjectNode env = pkg("tencent-live", "prod", null, "live-1", COLLECTED, item);
        env.put("packageType", 0);
        String key = "tencent-live/prod/-/" + id;
        PackageSnapshot out = normalize(VendorApi.TENCENT_LIVE, env, key).value();

        assertThat(out).isEqualTo(identity(key, Vendor.TENCENT, Product.LIVE, null, id, "live-1")
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(total).setUsed(used).setRemaining(left)
                .setStatus(normalized).setVendorStatus(Integer.toString(status))
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCreatedAt(Instant.parse(buy)).setExpiresAt(Instant.parse(expire))
                .setAutoRenew(false).setRenewalResult(0)
                .build());
    }

    @ParameterizedTest(name = "Live Type {0} -> {1} in {2}")
    @CsvSource({"1, TRANSCODE, MINUTES", "2, TOP_SPEED_TRANSCODE, MINUTES", "3, CO_ANCHORING, HOURS"})
    void liveTypesDecideKindAndUnitCoAnchoringInHours(int type, PackageKind kind, AmountUnit unit) {
        ObjectNode env = pkg("tencent-live", "prod", null, "live-2", COLLECTED, json("""
                {"Id":"9%d","Type":%d,"Status":0,"Total":1000,"Used":10,"Left":990,"BuyTime":"2024-01-01 00:00:00",
                 "ExpireTime":"2025-01-01 08:00:00","WillRenew":1,"RenewalResult":-1}""".formatted(type, type)));
        env.put("packageType", type == 3 ? 2 : 1);
        String key = "tencent-live/prod/-/9" + type;
        PackageSnapshot out = normalize(VendorApi.TENCENT_LIVE, env, key).value();

        assertThat(out).isEqualTo(identity(key, Vendor.TENCENT, Product.LIVE, null, "9" + type, "live-2")
                .setKind(kind).setUnit(unit)
                .setCapacity(1000L).setUsed(10L).setRemaining(990L)
                .setStatus(PackageStatus.NOT_STARTED).setVendorStatus("0")
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setCreatedAt(Instant.parse("2023-12-31T16:00:00Z")).setExpiresAt(Instant.parse("2025-01-01T00:00:00Z"))
                .setAutoRenew(true).setRenewalResult(-1)
                .build());
    }

    private static PackageSnapshot.Builder baiduExpected(String key, String id, String pollId) {
        return identity(key, Vendor.BAIDU, Product.EIP, "bj", id, pollId)
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCreatedAt(Instant.parse("2021-08-10T11:40:57Z"))
                .setActivatedAt(Instant.parse("2021-08-10T11:41:16Z"))
                .setExpiresAt(Instant.parse("2021-09-10T11:41:16Z"));
    }

    @Test
    void baiduListSeedBothPackages() {
        JsonNode list = seed("baidu-eip-list.json").get("packageList");
        String key0 = "baidu-eip/prod/bj/tp-87V5cnkwqO";
        assertThat(normalize(VendorApi.BAIDU_EIP, pkg("baidu-eip", "prod", "bj", "bd-1", COLLECTED, list.get(0)), key0).value())
                .isEqualTo(baiduExpected(key0, "tp-87V5cnkwqO", "bd-1")
                        .setCapacity(10737418240L).setUsed(0L).setRemaining(10737418240L)
                        .setStatus(PackageStatus.ACTIVE).setVendorStatus("RUNNING")
                        .setDeductPolicy(DeductPolicy.OFF_PEAK)
                        .setOffPeakWindow(new LocalTimeWindow("00:00", "08:00", "Asia/Shanghai"))
                        .build());
        String key1 = "baidu-eip/prod/bj/tp-nzGGLBBYjD";
        assertThat(normalize(VendorApi.BAIDU_EIP, pkg("baidu-eip", "prod", "bj", "bd-1", COLLECTED, list.get(1)), key1).value())
                .isEqualTo(baiduExpected(key1, "tp-nzGGLBBYjD", "bd-1")
                        .setCapacity(10737418240L).setUsed(10737418240L).setRemaining(0L)
                        .setStatus(PackageStatus.EXPIRED).setVendorStatus("EXPIRED")
                        .setDeductPolicy(DeductPolicy.FULL_TIME)
                        .build());
    }

    @Test
    void baiduDetailSeedAsPublished() {
        // GET /v1/eiptp/{id} returns the Package object at the top level; it is the envelope item unchanged.
        JsonNode detail = seed("baidu-eip-detail.json");
        ObjectNode env = pkg("baidu-eip", "prod", "bj", "bd-3", COLLECTED, detail);
        env.put("action", "GET /v1/eiptp/tp-87V5cnkwqO");
        env.put("requestId", "1214cca7-4ad5-451d-9215-71cb844c0a50");   // x-bce-request-id of the doc's response
        String key = "baidu-eip/prod/bj/tp-87V5cnkwqO";
        assertThat(normalize(VendorApi.BAIDU_EIP, env, key).value())
                .isEqualTo(baiduExpected(key, "tp-87V5cnkwqO", "bd-3")
                        .setVendorRequestId("1214cca7-4ad5-451d-9215-71cb844c0a50")
                        .setCapacity(10737418240L).setUsed(0L).setRemaining(10737418240L)   // 10 x 2^30 "10G"
                        .setStatus(PackageStatus.ACTIVE).setVendorStatus("RUNNING")
                        .setDeductPolicy(DeductPolicy.OFF_PEAK)
                        .setOffPeakWindow(new LocalTimeWindow("00:00", "08:00", "Asia/Shanghai"))
                        .build());
    }

    @Test
    void baiduCapacitiesAsNumbersOrNumericStringsGiveTheSameSnapshot() {
        ObjectNode detail = (ObjectNode) seed("baidu-eip-detail.json");
        ObjectNode asStrings = detail.deepCopy();
        asStrings.put("capacity", "10737418240");
        asStrings.put("usedCapacity", "1073741824");
        ObjectNode asNumbers = detail.deepCopy();
        asNumbers.put("usedCapacity", 1073741824L);
        String key = "baidu-eip/prod/bj/tp-87V5cnkwqO";
        PackageSnapshot expected = baiduExpected(key, "tp-87V5cnkwqO", "bd-2")
                .setCapacity(10737418240L).setUsed(1073741824L).setRemaining(9663676416L)
                .setStatus(PackageStatus.ACTIVE).setVendorStatus("RUNNING")
                .setDeductPolicy(DeductPolicy.OFF_PEAK)
                .setOffPeakWindow(new LocalTimeWindow("00:00", "08:00", "Asia/Shanghai"))
                .build();
        assertThat(normalize(VendorApi.BAIDU_EIP, pkg("baidu-eip", "prod", "bj", "bd-2", COLLECTED, asNumbers), key).value())
                .isEqualTo(expected);
        assertThat(normalize(VendorApi.BAIDU_EIP, pkg("baidu-eip", "prod", "bj", "bd-2", COLLECTED, asStrings), key).value())
                .isEqualTo(expected);
    }

    @Test
    void theLatestSnapshotStoreHoldsTheNewestObservationOnly() {
        JsonNode item = seed("baidu-eip-detail.json");
        String key = "baidu-eip/prod/bj/tp-87V5cnkwqO";
        t.pipe(VendorApi.BAIDU_EIP, key, bytes(pkg("baidu-eip", "prod", "bj", "new", COLLECTED, item)), RECORD_TS);
        t.pipe(VendorApi.BAIDU_EIP, key, bytes(pkg("baidu-eip", "prod", "bj", "old", COLLECTED.minusSeconds(60), item)), RECORD_TS);

        assertThat(t.packages.readValuesToList()).extracting(PackageSnapshot::getPollId).containsExactly("new", "old");
        assertThat(t.latest().get(key).getPollId()).isEqualTo("new");
    }
}
