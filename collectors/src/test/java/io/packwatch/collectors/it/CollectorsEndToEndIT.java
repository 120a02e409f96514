package io.packwatch.collectors.it;

import static io.packwatch.collectors.it.Fixtures.account;
import static io.packwatch.collectors.it.Fixtures.config;
import static io.packwatch.collectors.it.Fixtures.packages;
import static io.packwatch.collectors.it.Fixtures.summaries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.collectors.run.CycleReport;
import io.packwatch.collectors.vendor.VendorJson;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each of the four collectors, one --once cycle against the simulators and the real broker: every package appears
 * exactly once with the right key, envelope and unchanged vendor item; every account/region summary says complete.
 * Paging edges are in the scenario: 0 items (ap-beijing), exactly one full page (ap-shanghai, Baidu gz), many pages
 * (ap-guangzhou, Live traffic), a Baidu marker chain (bj).
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class CollectorsEndToEndIT {
    static final int VPC_GZ = 250;
    static final int VPC_SH = 100;
    static final int LH_GZ = 120;
    static final int LIVE_TRAFFIC = 150;
    static final int BD_BJ = 2500;
    static final int BD_GZ = 1000;

    static SimulatorServer sim;

    @BeforeAll
    static void startSimulator() {
        String scenario = "name: collectors-e2e\naccounts:\n"
                + Fixtures.tencentAccount("tc", Fixtures.TC_ID, Fixtures.TC_KEY)
                + "    vpc:\n" + Fixtures.vpc("ap-guangzhou", "tfp-gz", VPC_GZ) + Fixtures.vpc("ap-shanghai", "tfp-sh", VPC_SH)
                + "    lighthouse:\n" + Fixtures.lighthouse("ap-guangzhou", LH_GZ)
                + "    live:\n" + Fixtures.live(LIVE_TRAFFIC, 3, 2, 4)
                + Fixtures.baiduAccount("bd")
                + "    eip:\n" + Fixtures.eip("bj", BD_BJ) + Fixtures.eip("gz", BD_GZ);
        sim = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(scenario)));
    }

    @AfterAll
    static void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private static CycleReport once(CollectorConfig config) throws InterruptedException {
        try (CollectorHost host = new CollectorHost(List.of(config), null, "127.0.0.1")) {
            return host.runOnce().get(config.api());
        }
    }

    @Test
    void tencentVpc() throws Exception {
        String topic = Fixtures.topic("vpc");
        CollectorConfig cfg = config(VendorApi.TENCENT_VPC, sim, topic,
                account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou", "ap-shanghai", "ap-beijing")), null);
        CycleReport report = once(cfg);
        assertThat(report.complete()).as("report %s", report).isTrue();

        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, 3 * Fixtures.PARTITIONS);
        List<Fixtures.Raw> pkgs = packages(records);
        assertThat(pkgs).hasSize(VPC_GZ + VPC_SH);
        assertUniqueKeys(pkgs);
        assertThat(pkgs).allSatisfy(r -> {
            String region = r.envelope().get("region").asText();
            String id = r.envelope().at("/item/TrafficPackageId").asText();
            assertThat(r.key()).isEqualTo("tencent-vpc/main/" + region + "/" + id);
            assertEnvelope(r, VendorApi.TENCENT_VPC, "main", region, id);
            assertThat(r.envelope().get("requestId").asText()).isNotEmpty();
        });
        assertItemsUnchanged(pkgs, "ap-guangzhou", "tencent-vpc", "vpc", "2017-03-12", "DescribeTrafficPackages",
                "{\"Limit\":100,\"Offset\":0}", "TrafficPackageSet", "TrafficPackageId");
        assertSummaries(summaries(records), Map.of("ap-guangzhou", new int[] {VPC_GZ, 3}, "ap-shanghai", new int[] {VPC_SH, 1},
                "ap-beijing", new int[] {0, 1}), "tencent-vpc/main/");
    }

    @Test
    void tencentLighthouse() throws Exception {
        String topic = Fixtures.topic("lighthouse");
        CollectorConfig cfg = config(VendorApi.TENCENT_LIGHTHOUSE, sim, topic,
                account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou")), null);
        CycleReport report = once(cfg);
        assertThat(report.complete()).as("report %s", report).isTrue();

        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, Fixtures.PARTITIONS);
        List<Fixtures.Raw> pkgs = packages(records);
        assertThat(pkgs).hasSize(LH_GZ);
        assertUniqueKeys(pkgs);
        assertThat(pkgs).allSatisfy(r -> {
            String instance = r.envelope().get("instanceId").asText();
            String id = r.envelope().at("/item/TrafficPackageId").asText();
            assertThat(instance).startsWith("lhins-");
            assertThat(r.key()).isEqualTo("tencent-lighthouse/main/ap-guangzhou/" + instance + "/" + id);
            assertEnvelope(r, VendorApi.TENCENT_LIGHTHOUSE, "main", "ap-guangzhou", id);
            assertThat(r.headers()).containsEntry("pw.instance-id", instance);
        });
        Map<String, JsonNode> direct = new HashMap<>();
        JsonNode page = tencentCall("lighthouse", "2020-03-24", "DescribeInstancesTrafficPackages", "ap-guangzhou",
                "{\"Limit\":100,\"Offset\":0}");
        for (JsonNode instance : page.get("InstanceTrafficPackageSet")) {
            for (JsonNode pkg : instance.get("TrafficPackageSet")) {
                direct.put(pkg.get("TrafficPackageId").asText(), pkg);
            }
        }
        assertSameItems(pkgs, direct, "TrafficPackageId");
        assertSummaries(summaries(records), Map.of("ap-guangzhou", new int[] {LH_GZ, 2}), "tencent-lighthouse/main/");
    }

    @Test
    void tencentLive() throws Exception {
        String topic = Fixtures.topic("live");
        CollectorConfig cfg = config(VendorApi.TENCENT_LIVE, sim, topic, account("main", "TC_ID", "TC_KEY", List.of()), null);
        CycleReport report = once(cfg);
        assertThat(report.complete()).as("report %s", report).isTrue();

        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, Fixtures.PARTITIONS);
        List<Fixtures.Raw> pkgs = packages(records);
        assertThat(pkgs).hasSize(LIVE_TRAFFIC + 3 + 2 + 4);
        assertUniqueKeys(pkgs);
        assertThat(pkgs).allSatisfy(r -> {
            String id = r.envelope().at("/item/Id").asText();
            assertThat(r.key()).isEqualTo("tencent-live/main/-/" + id);
            assertThat(r.envelope().get("region").isNull()).isTrue();
            assertThat(r.headers()).containsEntry("pw.region", "-");
            int type = r.envelope().at("/item/Type").asInt();
            int requested = r.envelope().get("packageType").asInt();
            assertThat(requested).isEqualTo(type == 0 ? 0 : type == 3 ? 2 : 1);
        });
        Map<String, JsonNode> direct = new HashMap<>();
        for (int type = 0; type <= 2; type++) {
            JsonNode page = tencentCall("live", "2018-08-01", "DescribeLivePackageInfo", "",
                    "{\"PackageType\":" + type + ",\"PageNum\":1,\"PageSize\":100}");
            page.get("LivePackageInfoList").forEach(p -> direct.put(p.get("Id").asText(), p));
        }
        assertSameItems(pkgs, direct, "Id");
        // traffic: 2 pages; transcode: 1; co-anchoring: 1.
        List<Fixtures.Raw> sums = summaries(records);
        assertThat(sums).hasSize(Fixtures.PARTITIONS);
        assertThat(sums).allSatisfy(s -> {
            assertThat(s.key()).isEqualTo("tencent-live/main/-");
            assertThat(s.envelope().at("/summary/complete").asBoolean()).isTrue();
            assertThat(s.envelope().at("/summary/packagesSeen").asInt()).isEqualTo(LIVE_TRAFFIC + 9);
            assertThat(s.envelope().at("/summary/pages").asInt()).isEqualTo(4);
        });
    }

    @Test
    void baiduEip() throws Exception {
        String topic = Fixtures.topic("eip");
        CollectorConfig cfg = config(VendorApi.BAIDU_EIP, sim, topic, account("main", "BD_AK", "BD_SK", List.of("bj", "gz")), null);
        CycleReport report = once(cfg);
        assertThat(report.complete()).as("report %s", report).isTrue();

        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, 2 * Fixtures.PARTITIONS);
        List<Fixtures.Raw> pkgs = packages(records);
        assertThat(pkgs).hasSize(BD_BJ + BD_GZ);
        assertUniqueKeys(pkgs);
        assertThat(pkgs).allSatisfy(r -> {
            String region = r.envelope().get("region").asText();
            String id = r.envelope().at("/item/id").asText();
            assertThat(r.key()).isEqualTo("baidu-eip/main/" + region + "/" + id);
            assertEnvelope(r, VendorApi.BAIDU_EIP, "main", region, id);
            assertThat(r.envelope().at("/item/capacity").isNumber()).isTrue();
        });
        List<Fixtures.Raw> sums = summaries(records);
        assertThat(sums).hasSize(2 * Fixtures.PARTITIONS);
        Map<String, Integer> seen = sums.stream().collect(Collectors.toMap(s -> s.key() + "#" + s.partition(),
                s -> s.envelope().at("/summary/packagesSeen").asInt()));
        assertThat(seen).hasSize(2 * Fixtures.PARTITIONS);
        assertThat(sums).allSatisfy(s -> assertThat(s.envelope().at("/summary/complete").asBoolean()).isTrue());
        assertThat(sums.stream().filter(s -> s.key().equals("baidu-eip/main/bj")))
                .allSatisfy(s -> assertThat(s.envelope().at("/summary/pages").asInt()).isEqualTo(3));
        assertThat(sim.stats().requests(VendorApi.BAIDU_EIP, "bd")).isGreaterThanOrEqualTo(4);
    }

    private static void assertUniqueKeys(List<Fixtures.Raw> pkgs) {
        Set<String> keys = new HashSet<>();
        pkgs.forEach(r -> assertThat(keys.add(r.key())).as("duplicate key %s", r.key()).isTrue());
    }

    private static void assertEnvelope(Fixtures.Raw r, VendorApi api, String account, String region, String id) {
        JsonNode e = r.envelope();
        assertThat(e.get("envelopeVersion").asInt()).isEqualTo(1);
        assertThat(e.get("type").asText()).isEqualTo("package");
        assertThat(e.get("api").asText()).isEqualTo(api.id());
        assertThat(e.get("vendor").asText()).isEqualTo(api.vendorName());
        assertThat(e.get("product").asText()).isEqualTo(api.productName());
        assertThat(e.get("account").asText()).isEqualTo(account);
        assertThat(e.get("action").asText()).isEqualTo(api.action());
        assertThat(e.get("apiVersion").asText()).isEqualTo(api.apiVersion());
        assertThat(e.get("pollId").asText()).startsWith(api.id() + "/" + account + "/" + region + "/");
        assertThat(e.get("collectedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(e.get("collectorVersion").asText()).isNotEmpty();
        assertThat(r.headers()).containsEntry("pw.api", api.id()).containsEntry("pw.account", account)
                .containsEntry("pw.region", region).containsEntry("pw.package-id", id).containsEntry("pw.type", "package")
                .containsEntry("pw.poll-id", e.get("pollId").asText());
    }

    private static void assertSummaries(List<Fixtures.Raw> sums, Map<String, int[]> expected, String keyPrefix) {
        assertThat(sums).hasSize(expected.size() * Fixtures.PARTITIONS);
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            List<Fixtures.Raw> forRegion = sums.stream().filter(s -> s.key().equals(keyPrefix + e.getKey())).toList();
            assertThat(forRegion).as("summaries of %s", e.getKey()).hasSize(Fixtures.PARTITIONS);
            assertThat(forRegion.stream().map(Fixtures.Raw::partition).collect(Collectors.toSet())).hasSize(Fixtures.PARTITIONS);
            assertThat(forRegion).allSatisfy(s -> {
                JsonNode sum = s.envelope().get("summary");
                assertThat(sum.get("complete").asBoolean()).isTrue();
                assertThat(sum.get("abandoned").asBoolean()).isFalse();
                assertThat(sum.get("packagesSeen").asInt()).isEqualTo(e.getValue()[0]);
                assertThat(sum.get("pages").asInt()).isEqualTo(e.getValue()[1]);
                assertThat(s.headers()).containsEntry("pw.type", "poll-summary");
            });
        }
    }

    private void assertItemsUnchanged(List<Fixtures.Raw> pkgs, String region, String api, String service, String version,
                                      String action, String body, String arrayField, String idField) throws Exception {
        Map<String, JsonNode> direct = new HashMap<>();
        tencentCall(service, version, action, region, body).get(arrayField).forEach(p -> direct.put(p.get(idField).asText(), p));
        assertSameItems(pkgs, direct, idField);
    }

    /** The envelope's item equals, node for node with exact decimals, what the vendor API itself returns. */
    private static void assertSameItems(List<Fixtures.Raw> pkgs, Map<String, JsonNode> direct, String idField) {
        assertThat(direct).isNotEmpty();
        int compared = 0;
        for (Fixtures.Raw r : pkgs) {
            JsonNode item = r.envelope().get("item");
            JsonNode expected = direct.get(item.get(idField).asText());
            if (expected != null) {
                assertThat(item).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(direct.size());
    }

    private static JsonNode tencentCall(String service, String version, String action, String region, String body) throws Exception {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint(sim.tencentEndpoint());
        http.setReadTimeout(5);
        CommonClient client = new CommonClient(service, version, new Credential(Fixtures.TC_ID, Fixtures.TC_KEY), region,
                new ClientProfile(ClientProfile.SIGN_TC3_256, http));
        return VendorJson.MAPPER.readTree(client.call(action, body)).get("Response");
    }

    static Duration timeout() {
        return Duration.ofSeconds(Fixtures.TIMEOUT_SECONDS);
    }
}
