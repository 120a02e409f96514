package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.simulators.control.Outcome;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.simulators.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits per API and per account. The wall clock is frozen so "within one second" is exact, not a race.
 */
class RateLimitTest {
    private static final String YAML = """
            rateLimits: {baidu-eip: 3}
            accounts:
              - {id: a, vendor: tencent, secretId: AKIDa, secretKey: ka,
                 vpc: [{id: tfp-aaaaaaa1, region: ap-guangzhou, capacity: 10}],
                 rateLimits: {tencent-live: 5}}
              - {id: b, vendor: tencent, secretId: AKIDb, secretKey: kb}
              - {id: c, vendor: baidu, accessKeyId: akc, secretAccessKey: skc,
                 eip: [{id: tp-cccc0001, region: bj, capacity: 10GiB}]}
            """;

    private static String code(HttpResponse<String> r) throws Exception {
        JsonNode err = TencentSdk.JSON.readTree(r.body()).get("Response").get("Error");
        return err == null ? "OK" : err.get("Code").asText();
    }

    @Test
    void documentedTencentLimitsPerAccountAndApi() throws Exception {
        ManualClock wall = new ManualClock(Instant.now());
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(YAML)).withAuthClock(wall))) {
            RawClient c = new RawClient(s);
            int ok = 0;
            int throttled = 0;
            for (int i = 0; i < 25; i++) {
                String code = code(c.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", "{}", "AKIDa", "ka"));
                if (code.equals("OK")) ok++;
                if (code.equals("RequestLimitExceeded")) throttled++;
            }
            assertThat(ok).isEqualTo(20);
            assertThat(throttled).isEqualTo(5);
            assertThat(s.stats().maxPerSecond(VendorApi.TENCENT_VPC, "a")).isEqualTo(25);
            assertThat(s.stats().requests(VendorApi.TENCENT_VPC, "a", Outcome.THROTTLED)).isEqualTo(5);
            // another account has its own budget; Lighthouse has its own, smaller one
            assertThat(code(c.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", "{}", "AKIDb", "kb"))).isEqualTo("OK");
            int lhOk = 0;
            for (int i = 0; i < 12; i++) {
                if (code(c.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", "{}", "AKIDa", "ka")).equals("OK")) lhOk++;
            }
            assertThat(lhOk).isEqualTo(10);
            // the per-account override for Live
            int liveOk = 0;
            for (int i = 0; i < 8; i++) {
                if (code(c.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":0}", "AKIDa", "ka")).equals("OK")) liveOk++;
            }
            assertThat(liveOk).isEqualTo(5);
            // an account without an override gets the documented Live default of 20/s
            int liveDefaultOk = 0;
            int liveDefaultThrottled = 0;
            for (int i = 0; i < 23; i++) {
                String code = code(c.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":0}", "AKIDb", "kb"));
                if (code.equals("OK")) liveDefaultOk++;
                if (code.equals("RequestLimitExceeded")) liveDefaultThrottled++;
            }
            assertThat(liveDefaultOk).isEqualTo(20);
            assertThat(liveDefaultThrottled).isEqualTo(3);
            assertThat(s.stats().requests(VendorApi.TENCENT_LIVE, "b", Outcome.THROTTLED)).isEqualTo(3);
            // a second later the window has moved on
            wall.advance(Duration.ofMillis(1001));
            assertThat(code(c.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", "{}", "AKIDa", "ka"))).isEqualTo("OK");
            assertThat(s.stats().maxPerSecond(VendorApi.TENCENT_VPC, "a")).isEqualTo(25);
        }
    }

    @Test
    void baiduLimitIsConfigurableAndAnswers429() throws Exception {
        ManualClock wall = new ManualClock(Instant.now());
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(YAML)).withAuthClock(wall))) {
            RawClient c = new RawClient(s);
            int[] statuses = new int[5];
            HttpResponse<String> last = null;
            for (int i = 0; i < 5; i++) {
                last = c.baidu("bj", "/v1/eiptp", Map.of(), "akc", "skc");
                statuses[i] = last.statusCode();
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            JsonNode body = TencentSdk.JSON.readTree(last.body());
            assertThat(body.get("code").asText()).isEqualTo("RequestLimitExceeded");
            assertThat(body.get("requestId").asText()).isEqualTo(last.headers().firstValue("x-bce-request-id").orElseThrow());
            assertThat(s.stats().maxPerSecond(VendorApi.BAIDU_EIP, "c")).isEqualTo(5);
            assertThat(s.stats().counts(VendorApi.BAIDU_EIP, "c").byOutcome()).containsEntry(Outcome.OK, 3L).containsEntry(Outcome.THROTTLED, 2L);
        }
    }

    @Test
    void sequentialClientBelowTheLimitIsNeverThrottled() throws Exception {
        ManualClock wall = new ManualClock(Instant.now());
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(YAML)).withAuthClock(wall))) {
            RawClient c = new RawClient(s);
            for (int second = 0; second < 3; second++) {
                for (int i = 0; i < 20; i++) assertThat(code(c.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", "{}", "AKIDa", "ka"))).isEqualTo("OK");
                wall.advance(Duration.ofSeconds(1));
            }
            assertThat(s.stats().maxPerSecond(VendorApi.TENCENT_VPC, "a")).isEqualTo(20);
            assertThat(s.stats().requests(VendorApi.TENCENT_VPC)).isEqualTo(60);
        }
    }
}
