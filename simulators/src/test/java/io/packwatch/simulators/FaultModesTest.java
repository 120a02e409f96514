package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.baidubce.BceClientException;
import com.baidubce.BceServiceException;
import com.baidubce.services.eiptp.model.ListEipTpsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.packwatch.simulators.control.Fault;
import io.packwatch.simulators.control.Outcome;
import io.packwatch.simulators.http.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault mode and exactly what a client receives: the raw HTTP response and the official SDK's view of it. */
class FaultModesTest {
    static SimulatorServer server;
    static RawClient raw;
    private static final String VPC_PAGE = "{\"Limit\":2,\"Offset\":5}";
    private static final Map<String, String> TWO = Map.of("maxKeys", "2");

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(SimulatorOptions.of(TestScenarios.interop()));
        raw = new RawClient(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    @AfterEach
    void clear() { server.faults().clear(); }

    private static JsonNode json(HttpResponse<String> r) throws IOException { return TencentSdk.JSON.readTree(r.body()); }

    private static String payloadFor(VendorApi api) { return api == VendorApi.TENCENT_LIVE ? "{\"PackageType\":0,\"PageNum\":1,\"PageSize\":10}" : VPC_PAGE; }

    @ParameterizedTest
    @EnumSource(value = VendorApi.class, names = {"TENCENT_VPC", "TENCENT_LIGHTHOUSE", "TENCENT_LIVE"})
    void tencentHttp5xx(VendorApi api) throws Exception {
        server.faults().next(api, 1, Fault.http(503));
        HttpResponse<String> r = raw.tencent(api, "ap-guangzhou", payloadFor(api));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(r.body()).contains("503 Service Unavailable");

        server.faults().next(api, 1, Fault.http(502));
        CommonClient c = TencentSdk.client(server, api, "ap-guangzhou");
        assertThatThrownBy(() -> c.call(api.action(), payloadFor(api)))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("ServerSideError");
                    assertThat(e.getMessage()).contains("response code is 502, not 200");
                });
        // the fault was used up: the next call is normal
        assertThat(TencentSdk.call(c, api, payloadFor(api)).has("Error")).isFalse();
    }

    @Test
    void tencentInternalErrorAndThrottleAreHttp200Envelopes() throws Exception {
        server.faults().next(VendorApi.TENCENT_VPC, 1, Fault.internalError()).next(VendorApi.TENCENT_VPC, 1, Fault.throttle());
        HttpResponse<String> r = raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode err = json(r).get("Response");
        assertThat(err.get("Error").get("Code").asText()).isEqualTo("InternalError");
        assertThat(err.get("RequestId").asText()).isNotBlank();
        CommonClient c = TencentSdk.client(server, VendorApi.TENCENT_VPC, "ap-guangzhou");
        assertThatThrownBy(() -> c.call(VendorApi.TENCENT_VPC.action(), VPC_PAGE))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("RequestLimitExceeded"));
        assertThat(server.stats().requests(VendorApi.TENCENT_VPC, "tc", Outcome.FAULT)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void tencentSlowResponseExceedsTheClientTimeout() {
        server.faults().next(VendorApi.TENCENT_VPC, 1, Fault.slow(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> new RawClient(server).timeout(Duration.ofMillis(500)).tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void tencentSlowResponseWithinTheTimeoutIsNormal() throws Exception {
        server.faults().next(VendorApi.TENCENT_LIVE, 1, Fault.slow(Duration.ofMillis(200)));
        HttpResponse<String> r = raw.tencent(VendorApi.TENCENT_LIVE, "", payloadFor(VendorApi.TENCENT_LIVE));
        assertThat(json(r).get("Response").get("TotalNum").asInt()).isEqualTo(TestScenarios.LIVE_TRAFFIC);
    }

    @Test
    void tencentConnectionReset() {
        // OkHttp (inside the SDK) silently retries a request whose connection closed without a byte, so the SDK only
        // fails when the retry is dropped as well: make every request fail.
        server.faults().rate(VendorApi.TENCENT_VPC, 1.0, Fault.connectionReset());
        assertThatThrownBy(() -> raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE)).isInstanceOf(IOException.class);
        CommonClient c = TencentSdk.client(server, VendorApi.TENCENT_VPC, "ap-guangzhou");
        assertThatThrownBy(() -> c.call(VendorApi.TENCENT_VPC.action(), VPC_PAGE))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
                    assertThat(e.getErrorCode()).isNull();
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                });
    }

    @Test
    void tencentMalformedJsonIsTheBodyCutInHalf() throws Exception {
        server.faults().next(VendorApi.TENCENT_VPC, 2, Fault.malformedJson());
        HttpResponse<String> r = raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"Response\":{\"TotalCount\":" + TestScenarios.VPC_GZ);
        assertThatThrownBy(() -> json(r)).isInstanceOf(IOException.class);
        CommonClient c = TencentSdk.client(server, VendorApi.TENCENT_VPC, "ap-guangzhou");
        assertThatThrownBy(() -> c.call(VendorApi.TENCENT_VPC.action(), VPC_PAGE)).isInstanceOf(TencentCloudSDKException.class);
    }

    @Test
    void tencentMissingNullAndUnknownEnumFields() throws Exception {
        server.faults().next(VendorApi.TENCENT_VPC, 1, Fault.missingFields())
                .next(VendorApi.TENCENT_VPC, 1, Fault.nullFields())
                .next(VendorApi.TENCENT_VPC, 1, Fault.unknownEnum());
        JsonNode missing = json(raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE)).get("Response");
        assertThat(missing.has("TotalCount")).isFalse();
        assertThat(missing.get("TrafficPackageSet").get(0).has("TotalAmount")).isFalse();
        assertThat(missing.get("TrafficPackageSet").get(0).has("UsedAmount")).isFalse();
        JsonNode nulls = json(raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE)).get("Response").get("TrafficPackageSet").get(0);
        assertThat(nulls.get("TrafficPackageName").isNull()).isTrue();
        assertThat(nulls.get("TagSet").isNull()).isTrue();
        JsonNode unknown = json(raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE)).get("Response").get("TrafficPackageSet").get(0);
        assertThat(unknown.get("Status").asText()).isEqualTo("SIMULATED_UNKNOWN_STATUS");
        assertThat(unknown.get("DeductType").asText()).isEqualTo("SIMULATED_UNKNOWN_DEDUCT_TYPE");
    }

    @Test
    void lighthouseAndLiveBodyFaults() throws Exception {
        server.faults().next(VendorApi.TENCENT_LIGHTHOUSE, 1, Fault.nullFields()).next(VendorApi.TENCENT_LIGHTHOUSE, 1, Fault.missingFields())
                .next(VendorApi.TENCENT_LIGHTHOUSE, 1, Fault.unknownEnum());
        JsonNode lhNull = json(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", "{}")).get("Response")
                .get("InstanceTrafficPackageSet").get(0).get("TrafficPackageSet").get(0);
        assertThat(lhNull.get("StartTime").isNull()).isTrue();
        JsonNode lhMissing = json(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", "{}")).get("Response");
        assertThat(lhMissing.has("TotalCount")).isFalse();
        assertThat(lhMissing.get("InstanceTrafficPackageSet").get(0).get("TrafficPackageSet").get(0).has("TrafficPackageTotal")).isFalse();
        JsonNode lhUnknown = json(raw.tencent(VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou", "{}")).get("Response")
                .get("InstanceTrafficPackageSet").get(0).get("TrafficPackageSet").get(0);
        assertThat(lhUnknown.get("Status").asText()).isEqualTo("SIMULATED_UNKNOWN_STATUS");

        server.faults().next(VendorApi.TENCENT_LIVE, 1, Fault.nullFields()).next(VendorApi.TENCENT_LIVE, 1, Fault.unknownEnum());
        JsonNode liveNull = json(raw.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":0}")).get("Response");
        assertThat(liveNull.get("TotalPage").isNull()).isTrue();
        assertThat(liveNull.get("TotalNum").isNull()).isTrue();
        assertThat(liveNull.get("LivePackageInfoList").get(0).get("WillRenew").isNull()).isTrue();
        JsonNode liveUnknown = json(raw.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":0}")).get("Response");
        assertThat(liveUnknown.get("LivePackageInfoList").get(0).get("Status").asInt()).isEqualTo(9);
    }

    @ParameterizedTest
    @EnumSource(value = VendorApi.class, names = {"TENCENT_VPC", "TENCENT_LIGHTHOUSE", "TENCENT_LIVE"})
    void tencentFixtureIsTheDocExampleVerbatim(VendorApi api) throws Exception {
        server.faults().next(api, 1, Fault.fixture());
        HttpResponse<String> r = raw.tencent(api, "ap-guangzhou", payloadFor(api));
        assertThat(r.body()).isEqualTo(new String(Fixtures.load(api.id() + ".json"), StandardCharsets.UTF_8));
        assertThat(json(r).get("Response").get("RequestId").asText()).isNotBlank();
    }

    @Test
    void faultsCanTargetOneAccountAndRatesApplyToEveryRequest() throws Exception {
        server.faults().next(VendorApi.TENCENT_VPC, "tc2", 1, Fault.internalError());
        assertThat(json(raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE)).get("Response").has("Error")).isFalse();
        assertThat(json(raw.tencent(VendorApi.TENCENT_VPC, "ap-guangzhou", VPC_PAGE, TestScenarios.TC2_ID, TestScenarios.TC2_KEY))
                .get("Response").get("Error").get("Code").asText()).isEqualTo("InternalError");
        server.faults().rate(VendorApi.TENCENT_LIVE, 1.0, Fault.throttle());
        for (int i = 0; i < 3; i++) {
            assertThat(json(raw.tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":1}")).get("Response").get("Error").get("Code").asText())
                    .isEqualTo("RequestLimitExceeded");
        }
    }

    @Test
    void anyVendorErrorCode() throws Exception {
        server.faults().next(VendorApi.TENCENT_LIVE, "tc", 1, Fault.error("ResourceNotFound.StopService"));
        CommonClient c = TencentSdk.client(server, VendorApi.TENCENT_LIVE, "");
        assertThatThrownBy(() -> c.call(VendorApi.TENCENT_LIVE.action(), "{\"PackageType\":0}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("ResourceNotFound.StopService");
                    assertThat(e.getRequestId()).isNotBlank();
                });
        server.faults().next(VendorApi.BAIDU_EIP, 1, Fault.error("AccessDenied", 403));
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj").listEipTps())
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("AccessDenied");
                });
    }

    // ---- Baidu ----

    @Test
    void baiduHttp5xxAndInternalError() throws Exception {
        server.faults().next(VendorApi.BAIDU_EIP, 1, Fault.http(502)).next(VendorApi.BAIDU_EIP, 1, Fault.internalError());
        HttpResponse<String> gw = raw.baidu("bj", "/v1/eiptp", TWO);
        assertThat(gw.statusCode()).isEqualTo(502);
        assertThat(gw.body()).contains("502 Bad Gateway");
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj").listEipTps())
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(500);
                    assertThat(e.getErrorCode()).isEqualTo("InternalError");
                    assertThat(e.getErrorType()).isEqualTo(BceServiceException.ErrorType.Service);
                    assertThat(e.getRequestId()).isNotBlank();
                });
    }

    @Test
    void baiduThrottleIs429() throws Exception {
        server.faults().next(VendorApi.BAIDU_EIP, 2, Fault.throttle());
        HttpResponse<String> r = raw.baidu("bj", "/v1/eiptp", TWO);
        assertThat(r.statusCode()).isEqualTo(429);
        JsonNode body = TencentSdk.JSON.readTree(r.body());
        assertThat(body.get("code").asText()).isEqualTo("RequestLimitExceeded");
        assertThat(r.headers().firstValue("x-bce-request-id")).hasValue(body.get("requestId").asText());
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj").listEipTps())
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getErrorCode()).isEqualTo("RequestLimitExceeded");
                });
    }

    @Test
    void baiduSlowAndConnectionReset() {
        server.faults().next(VendorApi.BAIDU_EIP, 1, Fault.slow(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> new RawClient(server).timeout(Duration.ofMillis(500)).baidu("bj", "/v1/eiptp", TWO)).isInstanceOf(HttpTimeoutException.class);
        // the JDK client retries an idempotent GET once on a dropped connection: make every request fail
        server.faults().rate(VendorApi.BAIDU_EIP, 1.0, Fault.connectionReset());
        assertThatThrownBy(() -> raw.baidu("bj", "/v1/eiptp", TWO)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj").listEipTps())
                .isInstanceOf(BceClientException.class).isNotInstanceOf(BceServiceException.class);
    }

    @Test
    void baiduMalformedJsonIsTheDocumentationsBrokenKey() throws Exception {
        server.faults().next(VendorApi.BAIDU_EIP, 2, Fault.malformedJson());
        HttpResponse<String> r = raw.baidu("bj", "/v1/eiptp", TWO);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"expireTime:\" \"");
        assertThatThrownBy(() -> TencentSdk.JSON.readTree(r.body())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj").listEipTps())
                .isInstanceOf(BceClientException.class).isNotInstanceOf(BceServiceException.class);
    }

    @Test
    void baiduCapacityAsStringMissingNullUnknown() throws Exception {
        server.faults().next(VendorApi.BAIDU_EIP, 1, Fault.capacityAsString()).next(VendorApi.BAIDU_EIP, 1, Fault.missingFields())
                .next(VendorApi.BAIDU_EIP, 1, Fault.nullFields()).next(VendorApi.BAIDU_EIP, 1, Fault.unknownEnum());
        JsonNode asString = TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp", TWO).body()).get("packageList").get(0);
        assertThat(asString.get("capacity").isTextual()).isTrue();
        assertThat(asString.get("capacity").asText()).isEqualTo("10737418240");
        assertThat(asString.get("usedCapacity").isTextual()).isTrue();
        JsonNode missing = TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp", TWO).body());
        assertThat(missing.has("isTruncated")).isFalse();
        assertThat(missing.get("packageList").get(0).has("capacity")).isFalse();
        JsonNode nulls = TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp", TWO).body()).get("packageList").get(0);
        assertThat(nulls.get("expireTime").isNull()).isTrue();
        JsonNode unknown = TencentSdk.JSON.readTree(raw.baidu("bj", "/v1/eiptp", TWO).body()).get("packageList").get(0);
        assertThat(unknown.get("status").asText()).isEqualTo("SIMULATED_UNKNOWN_STATUS");
        assertThat(unknown.get("deductPolicy").asText()).isEqualTo("SimulatedUnknownPolicy");
        // the numbers-as-strings form reads the same through the SDK
        server.faults().next(VendorApi.BAIDU_EIP, 1, Fault.capacityAsString());
        ListEipTpsRequest req = new ListEipTpsRequest();
        req.setMaxKeys(1);
        assertThat(BaiduSdk.client(server, "bj").listEipTps(req).getPackageList().get(0).getCapacity()).isEqualTo("10737418240");
    }

    @Test
    void baiduFixturesAreTheDocExamplesRepaired() throws Exception {
        server.faults().next(VendorApi.BAIDU_EIP, 1, Fault.fixture()).next(VendorApi.BAIDU_EIP, 1, Fault.fixture());
        HttpResponse<String> list = raw.baidu("bj", "/v1/eiptp", TWO);
        assertThat(list.body()).isEqualTo(new String(Fixtures.load("baidu-eip-list.json"), StandardCharsets.UTF_8));
        var detail = BaiduSdk.client(server, "bj").getEipTpDetail("tp-87V5cnkwqO");
        assertThat(detail.getExpireTime()).isEqualTo("2021-09-10T11:41:16Z");
        assertThat(detail.getCapacity()).isEqualTo("10737418240");
    }

    @Test
    void baiduWireShapeAbsentFieldsAsDocumented() throws Exception {
        JsonNode last = TencentSdk.JSON.readTree(raw.baidu("gz", "/v1/eiptp", Map.of("marker", "tp-gz000999")).body());
        assertThat(last.get("isTruncated").asBoolean()).isFalse();
        assertThat(last.has("nextMarker")).isFalse();
        assertThat(last.get("marker").asText()).isEqualTo("tp-gz000999");
        JsonNode empty = TencentSdk.JSON.readTree(raw.baidu("gz", "/v1/eiptp", Map.of("status", "EXPIRED")).body());
        assertThat(empty.has("marker")).isFalse();
        assertThat(empty.has("nextMarker")).isFalse();
        assertThat(empty.get("packageList")).isEmpty();
        JsonNode capped = TencentSdk.JSON.readTree(raw.baidu("gz", "/v1/eiptp", Map.of("maxKeys", "5000")).body());
        assertThat(capped.get("maxKeys").asInt()).isEqualTo(1000);
        HttpResponse<String> bad = raw.baidu("gz", "/v1/eiptp", Map.of("maxKeys", "0"));
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> v2 = raw.baidu("gz", "/v2/eiptp", Map.of());
        assertThat(v2.statusCode()).isEqualTo(404);
        assertThat(v2.body()).contains("InvalidVersion");
        assertThat(v2.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
    }
}
