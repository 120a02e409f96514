package io.packwatch.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.cdn.v20180606.CdnClient;
import com.tencentcloudapi.cdn.v20180606.models.DescribeTrafficPackagesRequest;
import com.tencentcloudapi.cdn.v20180606.models.DescribeTrafficPackagesResponse;
import com.tencentcloudapi.cdn.v20180606.models.TrafficPackage;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.control.Fault;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.simulators.time.ManualClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official typed Tencent CDN client ({@code tencentcloud-sdk-java-cdn} {@link CdnClient}) against the simulator's
 * {@code DescribeTrafficPackages} 2018-06-06 (vendor-spec 12): TC3 signed for service {@code cdn}, pages of up to
 * 1000, every SortBy, the documented errors, 20 requests/s; and the same action name as VPC's, routed apart.
 */
class CdnSdkInteropTest {
    static final int PACKAGES = 2300;
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(SimulatorOptions.of(scenario("rateLimits: {tencent-cdn: 0}\n")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One Tencent account with PACKAGES CDN packages (mixed billing regions, extension modes, creation times) and one VPC package. */
    static Scenario scenario(String head) {
        StringBuilder y = new StringBuilder("name: cdn\n").append(head).append("accounts:\n")
                .append("  - id: tc\n    vendor: tencent\n    secretId: ").append(TestScenarios.TC_ID)
                .append("\n    secretKey: ").append(TestScenarios.TC_KEY).append('\n')
                .append("    vpc: [{id: tfp-cdnvpc01, region: ap-guangzhou, capacity: 10}]\n    cdn:\n");
        for (int i = 0; i < PACKAGES; i++) {
            y.append("      - {id: '").append(1_000_000 + i).append("', capacity: 100GB, used: '").append(i % 10 == 0 ? "100%" : "10%")
                    .append("', created: -").append(PACKAGES - i).append("m, start: -").append(PACKAGES - i).append("m, expire: '+")
                    .append(1 + i % 400).append("d'").append(i % 3 == 0 ? ", region: europe" : "")
                    .append(", extensionMode: ").append(i % 4).append("}\n");
        }
        return Scenario.parse(y.toString());
    }

    /** Signed for service "cdn", host cdn.tencentcloudapi.test (vendor-spec 8.3 variant 3). */
    static CdnClient cdn(SimulatorServer s) {
        return new CdnClient(new Credential(TestScenarios.TC_ID, TestScenarios.TC_KEY), "", TencentSdk.productHostsOnLoopback(s));
    }

    private static DescribeTrafficPackagesRequest request(long offset, long limit, String sortBy) {
        DescribeTrafficPackagesRequest r = new DescribeTrafficPackagesRequest();
        r.setOffset(offset);
        r.setLimit(limit);
        if (sortBy != null) r.setSortBy(sortBy);
        return r;
    }

    private static List<TrafficPackage> all(CdnClient c, String sortBy) throws TencentCloudSDKException {
        List<TrafficPackage> out = new ArrayList<>();
        long total;
        do {
            DescribeTrafficPackagesResponse r = c.DescribeTrafficPackages(request(out.size(), 1000, sortBy));
            total = r.getTotalCount();
            assertThat(r.getTrafficPackages().length).isLessThanOrEqualTo(1000);
            assertThat(r.getRequestId()).isNotBlank();
            Collections.addAll(out, r.getTrafficPackages());
        } while (out.size() < total);
        return out;
    }

    @Test
    void theTypedClientPagesThroughEveryPackageInPagesOfAThousand() throws Exception {
        CdnClient c = cdn(server);
        DescribeTrafficPackagesResponse first = c.DescribeTrafficPackages(request(0, 1000, null));
        assertThat(first.getTotalCount()).isEqualTo(PACKAGES);
        assertThat(first.getTrafficPackages()).hasSize(1000);
        assertThat(c.DescribeTrafficPackages(request(2000, 1000, null)).getTrafficPackages()).hasSize(PACKAGES - 2000);
        assertThat(c.DescribeTrafficPackages(request(0, 100, null)).getTrafficPackages()).hasSize(100);
        DescribeTrafficPackagesResponse defaults = c.DescribeTrafficPackages(new DescribeTrafficPackagesRequest());
        assertThat(defaults.getTrafficPackages()).as("default Limit").hasSize(100);

        List<TrafficPackage> all = all(c, "createTimeAsc");
        assertThat(new HashSet<>(all.stream().map(TrafficPackage::getId).toList())).hasSize(PACKAGES);
        assertThat(server.stats().requests(VendorApi.TENCENT_CDN, "tc")).as("routed to CDN, not to VPC's action of the same name")
                .isGreaterThanOrEqualTo(7);
        assertThat(server.stats().requests(VendorApi.TENCENT_VPC, "tc")).isZero();
        assertThat(first.getEnabledCount() + 0L).isPositive();
        assertThat(first.getExpiringCount()).as("packages expiring within 7 days").isPositive();
    }

    @Test
    void itemsCarryTheDocumentedFields() throws Exception {
        List<TrafficPackage> all = all(cdn(server), "createTimeAsc");
        TrafficPackage europe = all.get(0);
        assertThat(europe.getId()).isEqualTo(1_000_000L);
        assertThat(europe.getBytes()).as("decimal bytes").isEqualTo(100_000_000_000L);
        assertThat(europe.getBytesUsed()).isEqualTo(100_000_000_000L);
        assertThat(europe.getArea()).isEqualTo("overseas");
        assertThat(europe.getRegion()).isEqualTo(6L);
        assertThat(europe.getExtensionMode()).isZero();
        assertThat(europe.getStatus()).isEqualTo("enabled");
        assertThat(europe.getType()).isEqualTo("日常流量包");
        assertThat(europe.getTrueExpireTime()).isNotNull();
        // zone-less Beijing time strings
        Instant expire = LocalDateTime.parse(europe.getExpireTime(), BEIJING).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        assertThat(expire).isAfter(Instant.now());
        TrafficPackage mainland = all.get(1);
        assertThat(mainland.getArea()).isEqualTo("mainland");
        assertThat(mainland.getRegion()).isZero();
        assertThat(mainland.getExtensionMode()).isEqualTo(1L);
    }

    @Test
    void everySortByOrdersThePackages() throws Exception {
        CdnClient c = cdn(server);
        List<TrafficPackage> byDefault = all(c, null);
        assertThat(byDefault).extracting(TrafficPackage::getExpireTime).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(all(c, "expireTimeDesc")).extracting(TrafficPackage::getId).isEqualTo(byDefault.stream().map(TrafficPackage::getId).toList());
        assertThat(all(c, "expireTimeAsc")).extracting(TrafficPackage::getExpireTime).isSorted();
        assertThat(all(c, "createTimeAsc")).extracting(TrafficPackage::getCreateTime).isSorted();
        assertThat(all(c, "createTimeDesc")).extracting(TrafficPackage::getCreateTime).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(all(c, "status")).extracting(TrafficPackage::getStatus).isSorted();
        assertThat(all(c, "channel")).hasSize(PACKAGES);
    }

    @Test
    void documentedParameterErrors() {
        CdnClient c = cdn(server);
        assertThatThrownBy(() -> c.DescribeTrafficPackages(request(0, 1001, null)))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidParameter.CdnParamError"));
        assertThatThrownBy(() -> c.DescribeTrafficPackages(request(0, 0, null)))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidParameter.CdnParamError"));
        assertThatThrownBy(() -> c.DescribeTrafficPackages(request(-1, 10, null)))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidParameter.CdnParamError"));
        assertThatThrownBy(() -> c.DescribeTrafficPackages(request(0, 10, "price")))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidParameter.CdnParamError"));
        CdnClient wrongKey = new CdnClient(new Credential(TestScenarios.TC_ID, "not-the-key"), "", cdnProfile());
        assertThatThrownBy(() -> wrongKey.DescribeTrafficPackages(request(0, 10, null)))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SignatureFailure"));
    }

    private static ClientProfile cdnProfile() {
        HttpProfile hp = new HttpProfile();
        hp.setProtocol(HttpProfile.REQ_HTTP);
        hp.setEndpoint(server.tencentEndpoint()); // vendor-spec 8.3 variant 1: service "127", routed by version
        ClientProfile cp = new ClientProfile();
        cp.setHttpProfile(hp);
        return cp;
    }

    @Test
    void theSimpleEndpointVariantIsRoutedByVersion() throws Exception {
        CdnClient c = new CdnClient(new Credential(TestScenarios.TC_ID, TestScenarios.TC_KEY), "", cdnProfile());
        assertThat(c.DescribeTrafficPackages(request(0, 10, null)).getTotalCount()).isEqualTo(PACKAGES);
        JsonNode vpc = TencentSdk.call(TencentSdk.client(server, VendorApi.TENCENT_VPC, "ap-guangzhou"), VendorApi.TENCENT_VPC, "{}");
        assertThat(vpc.get("TrafficPackageSet").get(0).get("TrafficPackageId").asText()).isEqualTo("tfp-cdnvpc01");
    }

    @Test
    void cdnErrorCodesFromTheFaultPlanReachTheSdk() throws Exception {
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(scenario("rateLimits: {tencent-cdn: 0}\n"))
                .withFaultPlan(f -> f.next(VendorApi.TENCENT_CDN, 1, Fault.error("UnauthorizedOperation.OperationTooOften"))))) {
            CdnClient c = cdn(s);
            assertThatThrownBy(() -> c.DescribeTrafficPackages(request(0, 10, null)))
                    .isInstanceOfSatisfying(TencentCloudSDKException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo("UnauthorizedOperation.OperationTooOften"));
            assertThat(c.DescribeTrafficPackages(request(0, 10, null)).getTotalCount()).isEqualTo(PACKAGES);
        }
    }

    @Test
    void twentyRequestsPerSecondPerAccount() throws Exception {
        ManualClock wall = new ManualClock(Instant.now());
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(scenario("")).withAuthClock(wall))) {
            CdnClient c = cdn(s);
            int ok = 0;
            int throttled = 0;
            for (int i = 0; i < 25; i++) {
                try {
                    c.DescribeTrafficPackages(request(0, 1, null));
                    ok++;
                } catch (TencentCloudSDKException e) {
                    assertThat(e.getErrorCode()).isEqualTo("RequestLimitExceeded");
                    throttled++;
                }
            }
            assertThat(ok).isEqualTo(20).isEqualTo((int) VendorApi.TENCENT_CDN.documentedLimitPerSecond());
            assertThat(throttled).isEqualTo(5);
        }
    }
}
