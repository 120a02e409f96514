package io.packwatch.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.scenario.Account;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.simulators.scenario.SimPool;
import io.packwatch.simulators.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pipeline's pool scenario (scenarios/pools.yaml) served by the simulator on a manual clock: what the vendor APIs
 * answer over time is the draw its header comment derives the expected alerts from.
 */
class PoolScenarioTest {
    private static final String TC_ID = "AKIDpoolsTest0000000000000000000000";
    private static final String TC_KEY = "poolsTestTencentSecretKey0000000";
    private static final String BD_AK = "poolsTestBaiduAK00000000000000000";
    private static final String BD_SK = "poolsTestBaiduSK00000000000000000";
    private static final long GIB = 1L << 30;
    private static final long GB = 1_000_000_000L;

    Scenario scenario;
    ManualClock clock;
    SimulatorServer server;
    RawClient raw;

    @BeforeEach
    void start() {
        scenario = Scenario.resource("/scenarios/pools.yaml");
        clock = new ManualClock(java.time.Instant.parse("2026-11-23T10:00:00Z"));
        server = SimulatorServer.start(SimulatorOptions.of(scenario).withClock(clock));
        raw = new RawClient(server);
    }

    @AfterEach
    void stop() { server.close(); }

    private Map<String, JsonNode> baidu() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp", Map.of(), BD_AK, BD_SK).body()).get("packageList")
                .forEach(p -> out.put(p.get("id").asText(), p));
        return out;
    }

    private Map<String, JsonNode> live() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":0}", TC_ID, TC_KEY).body())
                .get("Response").get("LivePackageInfoList").forEach(p -> out.put(p.get("Id").asText(), p));
        return out;
    }

    private Map<String, JsonNode> lighthouse() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", "{\"Limit\":100}", TC_ID, TC_KEY).body())
                .get("Response").get("InstanceTrafficPackageSet")
                .forEach(i -> out.put(i.get("InstanceId").asText(), i.get("TrafficPackageSet").get(0)));
        return out;
    }

    private SimPool pool(String account) {
        Account a = scenario.resolve(server.clock().epoch()).stream().filter(x -> x.id().equals(account)).findFirst().orElseThrow();
        return a.pools().get(0);
    }

    private static double gib(JsonNode baiduPackage) { return baiduPackage.get("usedCapacity").asDouble() / GIB; }

    @Test
    void baiduDrawsTheSmallPackageUntilItExpiresWithFortyGibLeftThenTheLargeOneUntilOverage() throws Exception {
        assertThat(gib(baidu().get("tp-poolBj001"))).isZero();
        clock.advance(Duration.ofMinutes(1));
        Map<String, JsonNode> b = baidu();
        assertThat(gib(b.get("tp-poolBj001"))).isCloseTo(15, within(1e-6));
        assertThat(gib(b.get("tp-poolBj002"))).as("waits its turn").isZero();
        assertThat(b.get("tp-poolBj002").get("status").asText()).isEqualTo("RUNNING");

        clock.advance(Duration.ofMinutes(3).plusSeconds(1));   // +4m01s: the small one has expired with 40 GiB left
        b = baidu();
        assertThat(b.get("tp-poolBj001").get("status").asText()).isEqualTo("EXPIRED");
        assertThat(gib(b.get("tp-poolBj001"))).isCloseTo(60, within(1e-6));
        assertThat(gib(b.get("tp-poolBj002"))).isCloseTo(0.25, within(1e-6));

        clock.advance(Duration.ofMinutes(33).plusSeconds(18));   // +37m19s: one second before the overage
        assertThat(baidu().get("tp-poolBj002").get("status").asText()).isEqualTo("RUNNING");
        assertThat(pool("pool-baidu").overage(clock.instant())).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(baidu().get("tp-poolBj002").get("status").asText()).isEqualTo("USED_UP");
        clock.advance(Duration.ofMinutes(1).minusSeconds(1));   // +38m20s: one minute of pay-as-you-go
        assertThat(pool("pool-baidu").overage(clock.instant()) / GIB).isCloseTo(15, within(1e-6));
        assertThat(gib(baidu().get("tp-poolBj002"))).isCloseTo(500, within(1e-6));
    }

    @Test
    void liveDrawsItsTrafficPacksInExpiryOrderAndLighthouseInstancesStayApart() throws Exception {
        Map<String, JsonNode> l = live();
        assertThat(l.get("310001").get("Status").asInt()).isEqualTo(1);
        assertThat(l.get("310002").get("Status").asInt()).as("not yet used").isZero();
        assertThat(l.get("310003").get("Status").asInt()).isZero();
        clock.advance(Duration.ofMinutes(5));
        l = live();
        assertThat(l.get("310001").get("Used").asLong()).isEqualTo(6 * GB);
        assertThat(l.get("310002").get("Used").asLong()).isZero();
        Map<String, JsonNode> lh = lighthouse();
        assertThat(lh.get("lhins-pool0001").get("TrafficUsed").asLong()).isEqualTo(75 * GIB);
        assertThat(lh.get("lhins-pool0002").get("TrafficUsed").asLong()).isZero();

        clock.advance(Duration.ofMinutes(15));   // +20m: 310001 used up at +9m, 310002 drawn since
        l = live();
        assertThat(l.get("310001").get("Status").asInt()).isEqualTo(4);
        assertThat(l.get("310002").get("Used").asLong()).isEqualTo(11 * GB);
        assertThat(l.get("310003").get("Used").asLong()).isZero();
        clock.advance(Duration.ofMinutes(10));   // +30m: the last pack's turn
        l = live();
        assertThat(l.get("310002").get("Status").asInt()).isEqualTo(4);
        assertThat(l.get("310003").get("Used").asLong()).isEqualTo(GB);
        assertThat(pool("pool-tencent").overage(clock.instant())).isZero();
        // Lighthouse keeps its per-instance overflow: 50 GiB left at 5 GiB/min, over quota after 10 min
        assertThat(lighthouse().get("lhins-pool0001").get("TrafficOverflow").asLong()).isEqualTo(100 * GIB);
    }
}
