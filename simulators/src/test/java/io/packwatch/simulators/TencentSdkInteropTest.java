package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.CommonRequest;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.packwatch.simulators.TencentSdk.call;
import static io.packwatch.simulators.TencentSdk.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official Tencent SDK (CommonClient) against the simulator: signatures, every page, filters, errors. */
class TencentSdkInteropTest {
    static SimulatorServer server;

    @BeforeAll
    static void start() { server = SimulatorServer.start(SimulatorOptions.of(TestScenarios.interop())); }

    @AfterAll
    static void stop() { server.close(); }

    private static List<String> vpcIds(String region) throws TencentCloudSDKException {
        CommonClient c = client(server, VendorApi.TENCENT_VPC, region);
        List<String> ids = new ArrayList<>();
        int total;
        int offset = 0;
        do {
            JsonNode r = call(c, VendorApi.TENCENT_VPC, "{\"Limit\":100,\"Offset\":" + offset + "}");
            total = r.get("TotalCount").asInt();
            r.get("TrafficPackageSet").forEach(p -> ids.add(p.get("TrafficPackageId").asText()));
            assertThat(r.get("RequestId").asText()).isNotBlank();
            offset += 100;
        } while (offset < total);
        assertThat(ids).hasSize(total);
        return ids;
    }

    @Test
    void vpcManyPagesAreTraversedToTotalCount() throws Exception {
        List<String> ids = vpcIds("ap-guangzhou");
        assertThat(ids).hasSize(TestScenarios.VPC_GZ).doesNotHaveDuplicates().startsWith("tfp-gz000000");
    }

    @Test
    void vpcExactlyOneFullPageThenAnEmptyOne() throws Exception {
        CommonClient c = client(server, VendorApi.TENCENT_VPC, "ap-shanghai");
        JsonNode first = call(c, VendorApi.TENCENT_VPC, "{\"Limit\":100,\"Offset\":0}");
        assertThat(first.get("TotalCount").asInt()).isEqualTo(100);
        assertThat(first.get("TrafficPackageSet")).hasSize(100);
        JsonNode second = call(c, VendorApi.TENCENT_VPC, "{\"Limit\":100,\"Offset\":100}");
        assertThat(second.get("TrafficPackageSet")).isEmpty();
        JsonNode item = first.get("TrafficPackageSet").get(0);
        assertThat(item.get("TotalAmount").decimalValue()).isEqualByComparingTo("50.5");
        assertThat(item.get("UsedAmount").decimalValue()).isEqualByComparingTo("1");
        assertThat(item.get("RemainingAmount").decimalValue()).isEqualByComparingTo("49.5");
        assertThat(item.get("DeductType").asText()).isEqualTo("FULL_TIME");
        assertThat(item.get("Deadline").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void vpcZeroItems() throws Exception {
        JsonNode r = call(client(server, VendorApi.TENCENT_VPC, "ap-beijing"), VendorApi.TENCENT_VPC, "{\"Limit\":100,\"Offset\":0}");
        assertThat(r.get("TotalCount").asInt()).isZero();
        assertThat(r.get("TrafficPackageSet")).isEmpty();
    }

    @Test
    void vpcServesAllFiveStatuses() throws Exception {
        CommonClient c = client(server, VendorApi.TENCENT_VPC, "ap-guangzhou");
        JsonNode r = call(c, VendorApi.TENCENT_VPC, "{\"Limit\":10,\"Offset\":0}");
        List<String> statuses = new ArrayList<>();
        r.get("TrafficPackageSet").forEach(p -> statuses.add(p.get("Status").asText()));
        assertThat(statuses.subList(0, 5)).containsExactly("REFUNDED", "DELETED", "EXHAUSTED", "EXPIRED", "AVAILABLE");
        assertThat(r.get("TrafficPackageSet").get(0).get("TagSet").get(0).get("Key").asText()).isEqualTo("env");
    }

    @Test
    void vpcFiltersAndIdsThroughCommonRequest() throws Exception {
        CommonClient c = client(server, VendorApi.TENCENT_VPC, "ap-guangzhou");
        String raw = c.commonRequest(new CommonRequest("{\"Filters\":[{\"Name\":\"status\",\"Values\":[\"EXHAUSTED\",\"EXPIRED\"]}],\"Limit\":100}"),
                "DescribeTrafficPackages");
        JsonNode r = TencentSdk.JSON.readTree(raw).get("Response");
        assertThat(r.get("TotalCount").asInt()).isEqualTo(2);
        r = call(c, VendorApi.TENCENT_VPC, "{\"Filters\":[{\"Name\":\"traffic-package-name\",\"Values\":[\"pkg-7\"]},"
                + "{\"Name\":\"traffic-package_id\",\"Values\":[\"tfp-gz000007\",\"tfp-gz000008\"]}]}");
        assertThat(r.get("TotalCount").asInt()).isEqualTo(1);
        assertThat(r.get("TrafficPackageSet").get(0).get("TrafficPackageId").asText()).isEqualTo("tfp-gz000007");
        r = call(c, VendorApi.TENCENT_VPC, "{\"TrafficPackageIds\":[\"tfp-gz000009\",\"tfp-zz999999\"]}");
        assertThat(r.get("TotalCount").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"TrafficPackageIds\":[\"tfp-gz000001\"],\"Filters\":[{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]}]} | InvalidParameter.Coexist",
        "{\"Filters\":[{\"Name\":\"traffic-package-id\",\"Values\":[\"tfp-gz000001\"]}]} | InvalidParameter.InvalidFilter",
        "{\"Filters\":[{\"Name\":\"status\",\"Values\":[\"REFUNDED\"]}]} | InvalidParameter.InvalidFilter",
        "{\"Filters\":[{\"Name\":\"status\",\"Values\":[]}]} | InvalidParameter.InvalidFilter",
        "{\"Filters\":[{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]},{\"Name\":\"status\",\"Values\":[\"AVAILABLE\"]}]} | InvalidParameter.InvalidFilter",
        "{\"TrafficPackageIds\":[\"bogus\"]} | InvalidParameterValue.TrafficPackageIdMalformed",
        "{\"Filters\":[{\"Name\":\"traffic-package_id\",\"Values\":[\"tfp-TOOLONG123\"]}]} | InvalidParameterValue.TrafficPackageIdMalformed",
        "{\"Offset\":-1} | InvalidParameterValue",
        "{\"Limit\":\"ten\"} | InvalidParameter",
        "{\"Marker\":1} | UnknownParameter",
    })
    void vpcParameterErrorsSurfaceAsSdkErrorCodes(String payload, String code) {
        CommonClient c = client(server, VendorApi.TENCENT_VPC, "ap-guangzhou");
        assertThatThrownBy(() -> c.call("DescribeTrafficPackages", payload))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(code);
                    assertThat(e.getRequestId()).isNotBlank();
                });
    }

    @Test
    void vpcAndLighthouseNeedARegion() {
        CommonClient c = client(server, VendorApi.TENCENT_VPC, "");
        assertThatThrownBy(() -> c.call("DescribeTrafficPackages", "{}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("MissingParameter"));
        CommonClient lh = client(server, VendorApi.TENCENT_LIGHTHOUSE, "xx-nowhere");
        assertThatThrownBy(() -> lh.call("DescribeInstancesTrafficPackages", "{}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("UnsupportedRegion"));
    }

    @Test
    void lighthousePagesOverInstancesWithDefaultAndMaxLimit() throws Exception {
        CommonClient c = client(server, VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou");
        JsonNode dflt = call(c, VendorApi.TENCENT_LIGHTHOUSE, "{}");
        assertThat(dflt.get("TotalCount").asInt()).isEqualTo(TestScenarios.LH_GZ);
        assertThat(dflt.get("InstanceTrafficPackageSet")).hasSize(20);
        Set<String> instances = new HashSet<>();
        for (int offset = 0; offset < TestScenarios.LH_GZ; offset += 100) {
            JsonNode r = call(c, VendorApi.TENCENT_LIGHTHOUSE, "{\"Limit\":100,\"Offset\":" + offset + "}");
            r.get("InstanceTrafficPackageSet").forEach(i -> instances.add(i.get("InstanceId").asText()));
        }
        assertThat(instances).hasSize(TestScenarios.LH_GZ);
        JsonNode first = dflt.get("InstanceTrafficPackageSet").get(0).get("TrafficPackageSet").get(0);
        long total = 500L << 30;
        assertThat(first.get("TrafficPackageTotal").asLong()).isEqualTo(total);
        assertThat(first.get("TrafficUsed").asLong()).isEqualTo(total);
        assertThat(first.get("TrafficPackageRemaining").asLong()).isZero();
        assertThat(first.get("TrafficOverflow").asLong()).isEqualTo(total / 10);
        assertThat(first.get("Status").asText()).isEqualTo("NETWORK_NORMAL");
        JsonNode byId = call(c, VendorApi.TENCENT_LIGHTHOUSE, "{\"InstanceIds\":[\"lhins-00000005\",\"lhins-00000099\"]}");
        assertThat(byId.get("TotalCount").asInt()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"InstanceIds\":[\"lhins-00000001\",\"lhins-00000001\"]} | InvalidParameterValue.Duplicated",
        "{\"InstanceIds\":[\"ins-1\"]} | InvalidParameterValue.InstanceIdMalformed",
        "{\"Offset\":-5} | InvalidParameterValue.Negative",
        "{\"Limit\":-1} | InvalidParameterValue.Negative",
        "{\"Limit\":101} | InvalidParameterValue.OutOfRange",
        "{\"Limit\":0} | InvalidParameterValue.OutOfRange",
    })
    void lighthouseParameterErrors(String payload, String code) {
        CommonClient c = client(server, VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou");
        assertThatThrownBy(() -> c.call("DescribeInstancesTrafficPackages", payload))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo(code));
    }

    @Test
    void lighthouseTooManyInstanceIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) ids.add("\"lhins-" + String.format("%08d", i) + "\"");
        CommonClient c = client(server, VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou");
        assertThatThrownBy(() -> c.call("DescribeInstancesTrafficPackages", "{\"InstanceIds\":[" + String.join(",", ids) + "]}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidParameterValue.LimitExceeded"));
    }

    @Test
    void livePagesEachPackageTypeAndMapsItemTypes() throws Exception {
        CommonClient c = client(server, VendorApi.TENCENT_LIVE, "");
        List<String> ids = new ArrayList<>();
        JsonNode r;
        int page = 1;
        do {
            r = call(c, VendorApi.TENCENT_LIVE, "{\"PackageType\":0,\"PageNum\":" + page + ",\"PageSize\":10}");
            r.get("LivePackageInfoList").forEach(p -> ids.add(p.get("Id").asText()));
            page++;
        } while (page <= r.get("TotalPage").asInt());
        assertThat(ids).hasSize(TestScenarios.LIVE_TRAFFIC).doesNotHaveDuplicates();
        assertThat(r.get("TotalNum").asInt()).isEqualTo(TestScenarios.LIVE_TRAFFIC);
        assertThat(r.get("TotalPage").asInt()).isEqualTo(3);
        assertThat(r.get("PageSize").asInt()).isEqualTo(10);
        assertThat(r.get("FluxPackageBillMode").asText()).isEqualTo("204,204,204,204,-1,-1");
        assertThat(r.get("PackageBillMode").asInt()).isEqualTo(204);
        // default order BuyTimeDesc: created -1d is the newest
        assertThat(ids.get(0)).isEqualTo("500000");

        JsonNode transcode = call(c, VendorApi.TENCENT_LIVE, "{\"PackageType\":1}");
        List<Integer> types = new ArrayList<>();
        transcode.get("LivePackageInfoList").forEach(p -> types.add(p.get("Type").asInt()));
        assertThat(types).containsExactlyInAnyOrder(1, 1, 2);
        assertThat(transcode.get("PageSize").asInt()).isEqualTo(100);

        JsonNode coAnchoring = call(c, VendorApi.TENCENT_LIVE, "{\"PackageType\":2,\"OrderBy\":\"BuyTimeAsc\"}");
        JsonNode item = coAnchoring.get("LivePackageInfoList").get(0);
        assertThat(item.get("Type").asInt()).isEqualTo(3);
        assertThat(item.get("Status").asInt()).isEqualTo(4);
        assertThat(item.get("Total").asLong()).isEqualTo(100);
        assertThat(item.get("Left").asLong()).isZero();
        assertThat(item.get("BuyTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        JsonNode onlyPageNum = call(c, VendorApi.TENCENT_LIVE, "{\"PackageType\":0,\"PageNum\":3}");
        assertThat(onlyPageNum.get("LivePackageInfoList")).hasSize(TestScenarios.LIVE_TRAFFIC);
        assertThat(onlyPageNum.get("PageNum").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{} | MissingParameter",
        "{\"PackageType\":3} | InvalidParameterValue",
        "{\"PackageType\":2,\"OrderBy\":\"ExpireTimeDesc\"} | InvalidParameterValue",
        "{\"PackageType\":0,\"OrderBy\":\"BuyTime desc\"} | InvalidParameterValue",
        "{\"PackageType\":0,\"PageNum\":1,\"PageSize\":5} | InvalidParameterValue",
        "{\"PackageType\":0,\"PageNum\":0,\"PageSize\":10} | InvalidParameterValue",
        "{\"PackageType\":0,\"PageNum\":1,\"PageSize\":101} | InvalidParameterValue",
    })
    void liveParameterErrors(String payload, String code) {
        CommonClient c = client(server, VendorApi.TENCENT_LIVE, "");
        assertThatThrownBy(() -> c.call("DescribeLivePackageInfo", payload))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo(code));
    }

    @Test
    void wrongSecretAndUnknownSecretIdAreRejected() {
        CommonClient wrong = client(server, VendorApi.TENCENT_VPC, "ap-guangzhou", TestScenarios.TC_ID, "not-the-secret");
        assertThatThrownBy(() -> wrong.call("DescribeTrafficPackages", "{}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SignatureFailure"));
        CommonClient unknown = client(server, VendorApi.TENCENT_VPC, "ap-guangzhou", "AKIDnobody", "x");
        assertThatThrownBy(() -> unknown.call("DescribeTrafficPackages", "{}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SecretIdNotFound"));
    }

    @Test
    void unknownActionAndVersion() {
        CommonClient c = client(server, VendorApi.TENCENT_VPC, "ap-guangzhou");
        assertThatThrownBy(() -> c.call("DescribeVpcs", "{}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidAction"));
        CommonClient old = new CommonClient("vpc", "2016-01-01", new Credential(TestScenarios.TC_ID, TestScenarios.TC_KEY), "ap-guangzhou",
                client(server, VendorApi.TENCENT_VPC, "ap-guangzhou").getClientProfile());
        assertThatThrownBy(() -> old.call("DescribeTrafficPackages", "{}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchVersion"));
    }

    @Test
    void timestampOutsideFiveMinutesIsSignatureExpire() {
        try (SimulatorServer skewed = SimulatorServer.start(SimulatorOptions.of(TestScenarios.interop())
                .withAuthClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6))))) {
            CommonClient c = client(skewed, VendorApi.TENCENT_VPC, "ap-guangzhou");
            assertThatThrownBy(() -> c.call("DescribeTrafficPackages", "{}"))
                    .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SignatureExpire"));
        }
    }

    @Test
    void productHostNamesWithRedirectedDnsVerifyWithTheProductService() throws Exception {
        ClientProfile cp = TencentSdk.productHostsOnLoopback(server);
        for (VendorApi api : List.of(VendorApi.TENCENT_VPC, VendorApi.TENCENT_LIGHTHOUSE, VendorApi.TENCENT_LIVE)) {
            CommonClient c = new CommonClient(api.productName(), api.apiVersion(), new Credential(TestScenarios.TC_ID, TestScenarios.TC_KEY), "ap-guangzhou", cp);
            JsonNode r = call(c, api, api == VendorApi.TENCENT_LIVE ? "{\"PackageType\":0}" : "{}");
            assertThat(r.has("Error")).isFalse();
        }
        // a VPC action sent to the live host is not a live action
        CommonClient live = new CommonClient("live", VendorApi.TENCENT_VPC.apiVersion(), new Credential(TestScenarios.TC_ID, TestScenarios.TC_KEY), "ap-guangzhou", cp);
        assertThatThrownBy(() -> live.call("DescribeTrafficPackages", "{}"))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidAction"));
    }

    @Test
    void lighthouseAndLiveExactlyOneFullPageAndZeroItems() throws Exception {
        CommonClient lh = client(server, VendorApi.TENCENT_LIGHTHOUSE, "ap-guangzhou");
        JsonNode lastFull = call(lh, VendorApi.TENCENT_LIGHTHOUSE, "{\"Limit\":40,\"Offset\":80}");
        assertThat(lastFull.get("InstanceTrafficPackageSet")).hasSize(40);
        assertThat(call(lh, VendorApi.TENCENT_LIGHTHOUSE, "{\"Limit\":40,\"Offset\":120}").get("InstanceTrafficPackageSet")).isEmpty();
        JsonNode noInstances = call(client(server, VendorApi.TENCENT_LIGHTHOUSE, "ap-shanghai"), VendorApi.TENCENT_LIGHTHOUSE, "{\"Limit\":100}");
        assertThat(noInstances.get("TotalCount").asInt()).isZero();
        assertThat(noInstances.get("InstanceTrafficPackageSet")).isEmpty();

        CommonClient live = client(server, VendorApi.TENCENT_LIVE, "");
        JsonNode onePage = call(live, VendorApi.TENCENT_LIVE, "{\"PackageType\":0,\"PageNum\":1,\"PageSize\":25}");
        assertThat(onePage.get("LivePackageInfoList")).hasSize(25);
        assertThat(onePage.get("TotalPage").asInt()).isEqualTo(1);
        assertThat(call(live, VendorApi.TENCENT_LIVE, "{\"PackageType\":0,\"PageNum\":2,\"PageSize\":25}").get("LivePackageInfoList")).isEmpty();
        JsonNode none = call(client(server, VendorApi.TENCENT_LIVE, "", TestScenarios.TC2_ID, TestScenarios.TC2_KEY), VendorApi.TENCENT_LIVE, "{\"PackageType\":0}");
        assertThat(none.get("LivePackageInfoList")).isEmpty();
        assertThat(none.get("TotalNum").asInt()).isZero();
        assertThat(none.get("TotalPage").asInt()).isZero();
    }

    @Test
    void accountsSeeOnlyTheirOwnPackages() throws Exception {
        CommonClient other = client(server, VendorApi.TENCENT_VPC, "ap-guangzhou", TestScenarios.TC2_ID, TestScenarios.TC2_KEY);
        assertThat(call(other, VendorApi.TENCENT_VPC, "{}").get("TotalCount").asInt()).isZero();
    }
}
