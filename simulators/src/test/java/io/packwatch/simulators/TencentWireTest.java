package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.simulators.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Envelope-level errors a hand-written client can hit, and the time scale as seen on the wire. */
class TencentWireTest {
    private static final String YAML = """
            accounts:
              - {id: t, vendor: tencent, secretId: AKIDt, secretKey: kt,
                 vpc: [{id: tfp-aaaaaaa1, region: ap-guangzhou, capacity: 100, used: 0, usage: {pattern: constant, rate: 1/min}}]}
            """;

    private static JsonNode send(HttpRequest r) throws Exception {
        HttpResponse<String> resp = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        return TencentSdk.JSON.readTree(resp.body()).get("Response");
    }

    @Test
    void unsignedMalformedAndNonPostRequests() throws Exception {
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(YAML)))) {
            URI uri = URI.create("http://" + s.tencentEndpoint() + "/");
            JsonNode noAuth = send(HttpRequest.newBuilder(uri).header("X-TC-Action", "DescribeTrafficPackages")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(noAuth.get("Error").get("Code").asText()).isEqualTo("AuthFailure.InvalidAuthorization");
            assertThat(noAuth.get("RequestId").asText()).isNotBlank();
            JsonNode noAction = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(noAction.get("Error").get("Code").asText()).isEqualTo("MissingParameter");
            JsonNode get = send(HttpRequest.newBuilder(uri).GET().build());
            assertThat(get.get("Error").get("Code").asText()).isEqualTo("UnsupportedProtocol");
            JsonNode notJson = TencentSdk.JSON.readTree(new RawClient(s).tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", "Limit=1", "AKIDt", "kt").body())
                    .get("Response");
            assertThat(notJson.get("Error").get("Code").asText()).isEqualTo("InvalidParameter");
        }
    }

    @Test
    void timeScaleAdvancesUsageAndServedTimes() throws Exception {
        ManualClock base = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(YAML)).withClock(base).withTimeScale(60))) {
            RawClient raw = new RawClient(s);
            base.advance(Duration.ofSeconds(10));   // 10 real seconds = 10 simulated minutes
            JsonNode p = TencentSdk.JSON.readTree(raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", "{}", "AKIDt", "kt").body())
                    .get("Response").get("TrafficPackageSet").get(0);
            assertThat(p.get("UsedAmount").asDouble()).isEqualTo(10);
            assertThat(s.clock().now()).isEqualTo(Instant.parse("2026-11-23T10:10:00Z"));
            // default expiry is start + 30 days, start defaults to a day before the simulator's start
            assertThat(p.get("Deadline").asText()).isEqualTo("2026-12-22T10:00:00Z");
        }
    }
}
