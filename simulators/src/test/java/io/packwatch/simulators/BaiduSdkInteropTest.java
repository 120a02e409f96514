package io.packwatch.simulators;

import com.baidubce.BceServiceException;
import com.baidubce.services.eiptp.EipTpClient;
import com.baidubce.services.eiptp.model.EipTpDetailResponse;
import com.baidubce.services.eiptp.model.ListEipTpsRequest;
import com.baidubce.services.eiptp.model.ListEipTpsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official Baidu SDK (EipTpClient, trimmed closure) against the simulator: bce-auth-v1, marker chains, filters, errors. */
class BaiduSdkInteropTest {
    static SimulatorServer server;

    @BeforeAll
    static void start() { server = SimulatorServer.start(SimulatorOptions.of(TestScenarios.interop())); }

    @AfterAll
    static void stop() { server.close(); }

    private record Chain(List<String> ids, int pages) { }

    private static Chain chain(EipTpClient c, int maxKeys, String status, String policy) {
        List<String> ids = new ArrayList<>();
        String marker = null;
        int pages = 0;
        ListEipTpsResponse r;
        do {
            ListEipTpsRequest req = new ListEipTpsRequest();
            if (maxKeys > 0) req.setMaxKeys(maxKeys);
            req.setMarker(marker);
            req.setStatus(status);
            req.setDeductPolicy(policy);
            r = c.listEipTps(req);
            r.getPackageList().forEach(p -> ids.add(p.getId()));
            pages++;
            marker = r.getNextMarker();
            assertThat(r.getIsTruncated()).isEqualTo(marker != null);
        } while (r.getIsTruncated());
        return new Chain(ids, pages);
    }

    @Test
    void markerChainWithDefaultMaxKeysVisitsEveryPackageOnce() {
        Chain c = chain(BaiduSdk.client(server, "bj"), 0, null, null);
        assertThat(c.pages).isEqualTo(3);
        assertThat(c.ids).hasSize(TestScenarios.BD_BJ).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void markerChainWithSmallPages() {
        Chain c = chain(BaiduSdk.client(server, "bj"), 7, null, null);
        assertThat(c.pages).isEqualTo((TestScenarios.BD_BJ + 6) / 7);
        assertThat(c.ids).hasSize(TestScenarios.BD_BJ).doesNotHaveDuplicates();
    }

    @Test
    void exactlyOneFullPageIsNotTruncated() {
        ListEipTpsResponse r = BaiduSdk.client(server, "gz").listEipTps();
        assertThat(r.getPackageList()).hasSize(TestScenarios.BD_GZ);
        assertThat(r.getIsTruncated()).isFalse();
        assertThat(r.getNextMarker()).isNull();
        assertThat(r.getMaxKeys()).isEqualTo(1000);
        assertThat(r.getMarker()).isEqualTo("tp-gz000000");
    }

    @Test
    void filtersAreAndedAndZeroMatchesIsAnEmptyPage() {
        EipTpClient c = BaiduSdk.client(server, "bj");
        Chain usedUp = chain(c, 0, "USED_UP", null);
        assertThat(usedUp.ids).hasSize(TestScenarios.BD_BJ / 10).allMatch(id -> Integer.parseInt(id.substring(5)) % 10 == 0);
        Chain offPeak = chain(c, 0, null, "TimeDurationPackage");
        assertThat(offPeak.ids).hasSize(TestScenarios.BD_BJ / 5);
        Chain both = chain(c, 0, "USED_UP", "TimeDurationPackage");
        assertThat(both.ids).isEmpty();
        assertThat(both.pages).isEqualTo(1);
        ListEipTpsRequest byId = new ListEipTpsRequest();
        byId.setId("tp-bj000042");
        assertThat(c.listEipTps(byId).getPackageList()).extracting(p -> p.getId()).containsExactly("tp-bj000042");
    }

    @Test
    void itemFieldsAsTheSdkSeesThem() {
        ListEipTpsRequest req = new ListEipTpsRequest();
        req.setMaxKeys(2);
        ListEipTpsResponse r = BaiduSdk.client(server, "bj").listEipTps(req);
        var p = r.getPackageList().get(0);
        assertThat(p.getId()).isEqualTo("tp-bj000000");
        assertThat(p.getCapacity()).isEqualTo("10737418240");
        assertThat(p.getUsedCapacity()).isEqualTo("10737418240");
        assertThat(p.getStatus()).isEqualTo("USED_UP");
        assertThat(p.getDeductPolicy()).isEqualTo("FullTimeDurationPackage");
        assertThat(p.getPackageType()).isEqualTo("WebOutBytes");
        assertThat(p.getExpireTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(r.getNextMarker()).isEqualTo("tp-bj000002");
    }

    @Test
    void detailAndNotFound() {
        EipTpClient c = BaiduSdk.client(server, "bj");
        EipTpDetailResponse d = c.getEipTpDetail("tp-bj000001");
        assertThat(d.getId()).isEqualTo("tp-bj000001");
        assertThat(d.getUsedCapacity()).isEqualTo(Long.toString(1L << 30));
        assertThat(d.getDeductPolicy()).isEqualTo("TimeDurationPackage");
        assertThatThrownBy(() -> c.getEipTpDetail("tp-nothere"))
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getErrorCode()).isEqualTo("NoSuchObject");
                    assertThat(e.getRequestId()).isNotBlank();
                });
        // gz packages are not visible on the bj port
        assertThatThrownBy(() -> c.getEipTpDetail("tp-gz000001")).isInstanceOf(BceServiceException.class);
    }

    @Test
    void wrongSecretAndUnknownKeyAreRejected() {
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj", TestScenarios.BD_AK, "wrong").listEipTps())
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
                });
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj", "nobody", "x").listEipTps())
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("InvalidAccessKeyId");
                });
    }

    @Test
    void invalidStatusFilterIsABadRequest() {
        ListEipTpsRequest req = new ListEipTpsRequest();
        req.setStatus("ACTIVE");
        assertThatThrownBy(() -> BaiduSdk.client(server, "bj").listEipTps(req))
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo("InvalidHTTPRequest");
                });
    }
}
