package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.simulators.http.Fixtures;
import io.packwatch.simulators.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled seeds scenario, served through the normal code path, reproduces the vendors' documented examples. */
class SeedFidelityTest {
    static SimulatorServer server;
    static RawClient raw;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(SimulatorOptions.of(Scenario.resource("/scenarios/seeds.yaml")));
        raw = new RawClient(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode withoutRequestId(JsonNode response) {
        ((ObjectNode) response.get("Response")).remove("RequestId");
        return response;
    }

    private static JsonNode tencent(VendorApi api, String body) throws Exception {
        return withoutRequestId(TencentSdk.JSON.readTree(raw.tencent(api, "ap-guangzhou", body, "AKIDseedsExample", "seedsExampleSecretKey").body()));
    }

    private static JsonNode fixture(String name) throws Exception {
        return TencentSdk.JSON.readTree(Fixtures.load(name));
    }

    @Test
    void vpc() throws Exception {
        assertThat(tencent(VendorApi.TENCENT_VPC, "{}")).isEqualTo(withoutRequestId(fixture("tencent-vpc.json")));
    }

    @Test
    void lighthouse() throws Exception {
        assertThat(tencent(VendorApi.TENCENT_LIGHTHOUSE, "{\"Limit\":2}")).isEqualTo(withoutRequestId(fixture("tencent-lighthouse.json")));
    }

    @Test
    void live() throws Exception {
        assertThat(tencent(VendorApi.TENCENT_LIVE, "{\"PackageType\":0}")).isEqualTo(withoutRequestId(fixture("tencent-live.json")));
    }

    @Test
    void baiduListAndDetail() throws Exception {
        JsonNode list = TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp", Map.of("maxKeys", "2"), "seedsExampleAK", "seedsExampleSK").body());
        assertThat(list).isEqualTo(fixture("baidu-eip-list.json"));
        JsonNode detail = TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp/tp-87V5cnkwqO", Map.of(), "seedsExampleAK", "seedsExampleSK").body());
        assertThat(detail).isEqualTo(fixture("baidu-eip-detail.json"));
    }
}
