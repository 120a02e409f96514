package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.simulators.time.ManualClock;
import io.packwatch.simulators.time.SimClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled demo scenario does within three simulated minutes what the local run promises. */
class DemoScenarioTest {
    private static final String TC_ID = "AKIDpackwatchDemo0000000000000000000";
    private static final String TC_KEY = "packwatchDemoTencentSecretKey000";
    private static final String BD_AK = "packwatchDemoBaiduAK0000000000000";
    private static final String BD_SK = "packwatchDemoBaiduSK0000000000000";

    ManualClock clock;
    SimulatorServer server;
    RawClient raw;

    @BeforeEach
    void start() {
        clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));   // 18:00 Beijing: outside the off-peak window
        server = SimulatorServer.start(SimulatorOptions.of(Scenario.demo()).withClock(clock));
        raw = new RawClient(server);
    }

    @AfterEach
    void stop() { server.close(); }

    private Map<String, JsonNode> vpc(String region) throws Exception {
        JsonNode r = TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_VPC, region, "{\"Limit\":100}", TC_ID, TC_KEY).body()).get("Response");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        r.get("TrafficPackageSet").forEach(p -> out.put(p.get("TrafficPackageId").asText(), p));
        return out;
    }

    private Map<String, JsonNode> lighthouse() throws Exception {
        JsonNode r = TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", "{\"Limit\":100}", TC_ID, TC_KEY).body()).get("Response");
        Map<String, JsonNode> out = new HashMap<>();
        r.get("InstanceTrafficPackageSet").forEach(i -> out.put(i.get("InstanceId").asText(), i.get("TrafficPackageSet").get(0)));
        return out;
    }

    private Map<String, JsonNode> live(int type) throws Exception {
        JsonNode r = TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":" + type + "}", TC_ID, TC_KEY).body()).get("Response");
        Map<String, JsonNode> out = new HashMap<>();
        r.get("LivePackageInfoList").forEach(p -> out.put(p.get("Id").asText(), p));
        return out;
    }

    @Test
    void threeMinutesOfTheDemo() throws Exception {
        JsonNode steady = vpc("ap-guangzhou").get("tfp-demo0001");
        assertThat(steady.get("UsedAmount").asDouble()).isEqualTo(70);
        assertThat(steady.get("Status").asText()).isEqualTo("AVAILABLE");
        assertThat(vpc("ap-guangzhou").get("tfp-demo0003").get("DeductType").asText()).isEqualTo("IDLE_TIME");

        clock.advance(Duration.ofSeconds(75));
        assertThat(vpc("ap-guangzhou").get("tfp-demo0001").get("UsedAmount").asDouble()).isBetween(80.0, 90.0);
        assertThat(lighthouse().get("lhins-demo0002").get("Status").asText()).isEqualTo("OVERDUE_NETWORK_DISABLED");
        assertThat(live(2).get("100004").get("Type").asInt()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(105));   // t = 3 min
        Map<String, JsonNode> v = vpc("ap-guangzhou");
        assertThat(v.get("tfp-demo0001").get("Status").asText()).isEqualTo("EXHAUSTED");
        assertThat(v.get("tfp-demo0001").get("RemainingAmount").asDouble()).isZero();
        assertThat(v.get("tfp-demo0004").get("Status").asText()).isEqualTo("EXPIRED");
        assertThat(v.get("tfp-demo0004").get("RemainingAmount").asDouble()).isGreaterThan(7);
        assertThat(v.get("tfp-demo0005").get("Status").asText()).isEqualTo("REFUNDED");
        assertThat(v.get("tfp-demo0006").get("Status").asText()).isEqualTo("DELETED");
        assertThat(v.get("tfp-demo0003").get("UsedAmount").asDouble()).isEqualTo(15);   // off-peak: nothing drawn at 18:00 Beijing
        assertThat(vpc("ap-shanghai")).doesNotContainKey("tfp-demo0009").containsKey("tfp-demo0008");

        JsonNode overflow = lighthouse().get("lhins-demo0001");
        assertThat(overflow.get("TrafficOverflow").asLong()).isPositive();
        assertThat(overflow.get("TrafficPackageRemaining").asLong()).isZero();
        JsonNode cycling = lighthouse().get("lhins-demo0003");
        assertThat(Instant.parse(cycling.get("StartTime").asText())).isAfter(server.clock().epoch());

        JsonNode renewed = live(0).get("100005");
        assertThat(renewed.get("RenewalResult").asInt()).isEqualTo(1);
        assertThat(renewed.get("Status").asInt()).isIn(0, 1);
        assertThat(live(0).get("100006").get("Status").asInt()).isEqualTo(3);
        assertThat(live(0).get("100001").get("Used").asLong()).isEqualTo(450_000_000_000L);
        assertThat(live(1).get("100003").get("Status").asInt()).isEqualTo(1);
        assertThat(live(1).get("100008").get("Status").asInt()).isEqualTo(5);
        assertThat(live(0).get("100007").get("Status").asInt()).isEqualTo(2);

        int pages = 0;
        String marker = null;
        JsonNode page;
        do {
            Map<String, String> q = marker == null ? Map.of() : Map.of("marker", marker);
            page = TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp", q, BD_AK, BD_SK).body());
            pages++;
            marker = page.path("nextMarker").asText(null);
            for (JsonNode p : page.get("packageList")) {
                if (p.get("id").asText().equals("tp-demoBj0003")) {
                    assertThat(p.get("status").asText()).isEqualTo("EXPIRED");
                    assertThat(p.get("usedCapacity").asLong()).isLessThan(p.get("capacity").asLong());
                }
                if (p.get("id").asText().equals("tp-demoBj0001")) assertThat(p.get("status").asText()).isEqualTo("USED_UP");
            }
        } while (page.get("isTruncated").asBoolean());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void thePoolsDrawInTheVendorsOrder() throws Exception {
        String liveId = "AKIDpackwatchDemoLive00000000000000";
        String liveKey = "packwatchDemoTencentLiveKey00000";
        long gib = 1L << 30;
        clock.advance(Duration.ofSeconds(150));
        Map<String, JsonNode> su = new HashMap<>();
        String marker = null;
        do {   // the demo account's pages hold 2 packages
            JsonNode page = TencentSdk.JSON.readTree(raw.baidu("su", "/v1/eiptp", marker == null ? Map.of() : Map.of("marker", marker), BD_AK, BD_SK).body());
            page.get("packageList").forEach(p -> su.put(p.get("id").asText(), p));
            marker = page.path("nextMarker").asText(null);
        } while (marker != null);
        assertThat(su.get("tp-demoSu0001").get("usedCapacity").asLong()).isEqualTo(50 * gib);
        assertThat(su.get("tp-demoSu0002").get("usedCapacity").asLong()).as("waits its turn").isZero();
        assertThat(su.get("tp-demoSu0003").get("usedCapacity").asLong()).as("waits its turn").isZero();

        clock.advance(Duration.ofSeconds(180));   // t = 5.5 min
        JsonNode small = TencentSdk.JSON.readTree(raw.baidu("su", "/v1/eiptp/tp-demoSu0001", Map.of(), BD_AK, BD_SK).body());
        assertThat(small.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(small.get("capacity").asLong() - small.get("usedCapacity").asLong()).isEqualTo(40 * gib);
        JsonNode waited = TencentSdk.JSON.readTree(raw.baidu("su", "/v1/eiptp/tp-demoSu0003", Map.of(), BD_AK, BD_SK).body());
        assertThat(waited.get("status").asText()).as("drawn from 3 to 5 min, then expired").isEqualTo("EXPIRED");
        assertThat(waited.get("capacity").asLong() - waited.get("usedCapacity").asLong()).isEqualTo(60 * gib);
        JsonNode large = TencentSdk.JSON.readTree(raw.baidu("su", "/v1/eiptp/tp-demoSu0002", Map.of(), BD_AK, BD_SK).body());
        assertThat(large.get("usedCapacity").asLong()).as("drawn from 5 min").isEqualTo(10 * gib);

        Map<String, JsonNode> live = new HashMap<>();
        TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":0}", liveId, liveKey).body())
                .get("Response").get("LivePackageInfoList").forEach(p -> live.put(p.get("Id").asText(), p));
        assertThat(live.get("400001").get("Status").asInt()).isEqualTo(4);   // used up at 5 min
        assertThat(live.get("400002").get("Used").asLong()).isEqualTo(1_000_000_000L);
        assertThat(live.get("400003").get("Status").asInt()).as("not yet used").isZero();
    }

    @Test
    void theOpsAccountLosesItsLighthousePermissionForTwoMinutes() throws Exception {
        String opsId = "AKIDpackwatchDemoOps000000000000000";
        String opsKey = "packwatchDemoTencentOpsKey000000";
        String body = "{\"Limit\":100}";
        clock.advance(Duration.ofSeconds(99));
        JsonNode before = TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", body, opsId, opsKey).body());
        assertThat(before.get("Response").get("InstanceTrafficPackageSet").get(0).get("InstanceId").asText()).isEqualTo("lhins-demo0005");

        clock.advance(Duration.ofSeconds(1));   // t = 100 s: the window opens
        JsonNode during = TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", body, opsId, opsKey).body());
        assertThat(during.get("Response").get("Error").get("Code").asText()).isEqualTo("UnauthorizedOperation.NoPermission");
        assertThat(lighthouse()).as("the other account is not affected").containsKey("lhins-demo0001");

        clock.advance(Duration.ofSeconds(120));   // t = 220 s: restored
        JsonNode after = TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", body, opsId, opsKey).body());
        assertThat(after.get("Response").has("Error")).isFalse();
        assertThat(after.get("Response").get("TotalCount").asInt()).isEqualTo(1);
    }

    @Test
    void cdnPackagesRunOutRenewExpireAndFreezeOnCue() throws Exception {
        String body = "{\"Limit\":1000,\"SortBy\":\"createTimeAsc\"}";
        Map<String, JsonNode> start = new LinkedHashMap<>();
        TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_CDN, null, body, TC_ID, TC_KEY).body()).at("/Response/TrafficPackages")
                .forEach(p -> start.put(p.get("Id").asText(), p));
        assertThat(start).containsOnlyKeys("22890371", "22890372", "22890373", "22890374");
        assertThat(start.get("22890371").get("BytesUsed").asLong()).isEqualTo(75_000_000_000L);
        assertThat(start.get("22890372").get("Area").asText()).isEqualTo("overseas");
        assertThat(start.get("22890372").get("Region").asInt()).isEqualTo(6);
        assertThat(start.get("22890372").get("ExtensionMode").asInt()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(4));
        Map<String, JsonNode> later = new LinkedHashMap<>();
        TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_CDN, null, body, TC_ID, TC_KEY).body()).at("/Response/TrafficPackages")
                .forEach(p -> later.put(p.get("Id").asText(), p));
        assertThat(later.get("22890371").get("BytesUsed").asLong()).as("used up").isEqualTo(100_000_000_000L);
        assertThat(later.get("22890373").get("Status").asText()).isEqualTo("expired");
        assertThat(later.get("22890373").get("BytesUsed").asLong()).isLessThan(later.get("22890373").get("Bytes").asLong());
        assertThat(later.get("22890374").get("Status").asText()).isEqualTo("frozen");
    }

    @Test
    void timeScaleSpeedsTheSimulatedClock() {
        ManualClock base = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        SimClock sim = new SimClock(base, 60);
        base.advance(Duration.ofSeconds(3));
        assertThat(sim.now()).isEqualTo(Instant.parse("2026-01-01T00:03:00Z"));
    }
}
