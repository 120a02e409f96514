package io.packwatch.collectors.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import io.packwatch.collectors.baidu.BaiduEipTransport;
import io.packwatch.collectors.baidu.BceV1Signer;
import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.retry.Backoff;
import io.packwatch.collectors.retry.CallOutcomeListener;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.tencent.TencentTransport;
import io.packwatch.collectors.vendor.VendorJson;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Pagination edge cases per API, against scripted responses (the simulators cover the happy paths in the ITs). */
class ListersTest {
    private final List<String> requests = new ArrayList<>();
    private final List<FoundItem> published = new ArrayList<>();

    private static PacedRetryingCaller caller() {
        return new PacedRetryingCaller(new TokenBucket(1000, () -> 0L, n -> { }), 2,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0), d -> { }, () -> false, CallOutcomeListener.NONE);
    }

    /** The SDK client with its HTTP call replaced by a function of the request body. */
    private TencentTransport tencent(String action, Function<JsonNode, String> responder) {
        CommonClient client = new CommonClient("vpc", "2017-03-12", new Credential("id", "key"), "ap-guangzhou") {
            @Override
            public String call(String a, String body) {
                requests.add(body);
                try {
                    return "{\"Response\":" + responder.apply(VendorJson.MAPPER.readTree(body)) + "}";
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        return new TencentTransport(client, action, Clock.systemUTC());
    }

    private ListingOutcome list(Lister lister) throws InterruptedException {
        return lister.list(caller(), (page, items) -> published.addAll(items));
    }

    private static String vpcPage(int offset, int limit, int total) {
        StringBuilder sb = new StringBuilder("{\"TotalCount\":" + total + ",\"TrafficPackageSet\":[");
        for (int i = offset; i < Math.min(total, offset + limit); i++) {
            sb.append(i == offset ? "" : ",").append("{\"TrafficPackageId\":\"tfp-").append(i).append("\",\"TotalAmount\":10.50}");
        }
        return sb.append("],\"RequestId\":\"r").append(offset).append("\"}").toString();
    }

    @Test
    void vpcPagesByOffsetUntilTotalCount() throws Exception {
        ListingOutcome out = list(new TencentVpcLister(tencent("DescribeTrafficPackages",
                req -> vpcPage(req.get("Offset").asInt(), req.get("Limit").asInt(), 200))));
        assertThat(out.complete()).isTrue();
        assertThat(out.pages()).isEqualTo(2);
        assertThat(requests).containsExactly("{\"Limit\":100,\"Offset\":0}", "{\"Limit\":100,\"Offset\":100}");
        assertThat(published).hasSize(200);
        assertThat(published.get(0).item().get("TotalAmount").toString()).isEqualTo("10.50");
    }

    @Test
    void vpcWithNoPackagesIsOneCompletePage() throws Exception {
        ListingOutcome out = list(new TencentVpcLister(tencent("DescribeTrafficPackages", req -> vpcPage(0, 100, 0))));
        assertThat(out.complete()).isTrue();
        assertThat(out.pages()).isEqualTo(1);
        assertThat(published).isEmpty();
    }

    @Test
    void vpcEmptyPageBeforeTotalCountIsIncomplete() throws Exception {
        ListingOutcome out = list(new TencentVpcLister(tencent("DescribeTrafficPackages",
                req -> req.get("Offset").asInt() == 0 ? vpcPage(0, 100, 250).replace("\"TotalCount\":250", "\"TotalCount\":250")
                        : "{\"TotalCount\":250,\"TrafficPackageSet\":[],\"RequestId\":\"rx\"}")));
        assertThat(out.complete()).isFalse();
        assertThat(out.reasons()).extracting(IncompleteReason::code).containsExactly("InconsistentPaging");
        assertThat(published).hasSize(100);
    }

    @Test
    void vpcPageWithoutItsArrayIsMalformed() throws Exception {
        ListingOutcome out = list(new TencentVpcLister(tencent("DescribeTrafficPackages", req -> "{\"TotalCount\":3,\"RequestId\":\"r\"}")));
        assertThat(out.reasons()).extracting(IncompleteReason::code, IncompleteReason::requestId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MalformedResponse", "r"));
        assertThat(published).isEmpty();
    }

    @Test
    void lighthousePagesOverInstanceEntriesAndKeepsTheInstanceId() throws Exception {
        ListingOutcome out = list(new TencentLighthouseLister(tencent("DescribeInstancesTrafficPackages", req -> {
            int offset = req.get("Offset").asInt();
            StringBuilder sb = new StringBuilder("{\"TotalCount\":150,\"InstanceTrafficPackageSet\":[");
            for (int i = offset; i < Math.min(150, offset + 100); i++) {
                sb.append(i == offset ? "" : ",").append("{\"InstanceId\":\"lhins-").append(i).append("\",\"TrafficPackageSet\":[")
                        .append(i % 50 == 0 ? "" : "{\"TrafficPackageId\":\"lhtfp-" + i + "\"}").append("]}");
            }
            return sb.append("],\"RequestId\":\"r\"}").toString();
        })));
        assertThat(out.complete()).isTrue();
        assertThat(out.pages()).isEqualTo(2);
        assertThat(published).hasSize(147);
        assertThat(published.get(0).instanceId()).isEqualTo("lhins-1");
    }

    @Test
    void liveWalksAllThreePackageTypesAndStopsOnAShortPageWithoutTotalPage() throws Exception {
        ListingOutcome out = list(new TencentLiveLister(tencent("DescribeLivePackageInfo", req -> {
            int type = req.get("PackageType").asInt();
            int page = req.get("PageNum").asInt();
            int count = type == 0 ? (page == 1 ? 100 : 30) : type == 1 ? 2 : 0;
            StringBuilder sb = new StringBuilder("{\"TotalPage\":null,\"LivePackageInfoList\":[");
            for (int i = 0; i < count; i++) {
                sb.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(type * 1000 + page * 100 + i).append("\",\"Type\":").append(type).append('}');
            }
            return sb.append("],\"RequestId\":\"r\"}").toString();
        })));
        assertThat(out.complete()).isTrue();
        assertThat(out.pages()).isEqualTo(4);
        assertThat(requests).containsExactly("{\"PackageType\":0,\"PageNum\":1,\"PageSize\":100}",
                "{\"PackageType\":0,\"PageNum\":2,\"PageSize\":100}", "{\"PackageType\":1,\"PageNum\":1,\"PageSize\":100}",
                "{\"PackageType\":2,\"PageNum\":1,\"PageSize\":100}");
        assertThat(published).hasSize(132);
        assertThat(published.get(0).packageType()).isZero();
    }

    @Test
    void baiduFollowsTheMarkerChainAndDetectsLoops() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String query = ex.getRequestURI().getRawQuery();
            requests.add(query);
            String marker = query.contains("marker=") ? query.replaceAll(".*marker=([^&]*).*", "$1") : "";
            String body = switch (marker) {
                case "" -> "{\"packageList\":[{\"id\":\"tp-1\",\"capacity\":\"10737418240\"}],\"isTruncated\":true,\"nextMarker\":\"tp-2\",\"maxKeys\":1000}";
                case "tp-2" -> "{\"packageList\":[{\"id\":\"tp-2\",\"capacity\":5}],\"isTruncated\":true,\"nextMarker\":\"tp-3\",\"maxKeys\":1000}";
                default -> "{\"packageList\":[{\"id\":\"tp-3\"}],\"isTruncated\":true,\"nextMarker\":\"tp-2\",\"maxKeys\":1000}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("x-bce-request-id", "bce-" + requests.size());
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            BaiduEipTransport transport = new BaiduEipTransport(HttpClient.newHttpClient(),
                    "http://127.0.0.1:" + server.getAddress().getPort(), new BceV1Signer("ak", "sk", 1800), Duration.ofSeconds(5),
                    Clock.systemUTC());
            ListingOutcome out = list(new BaiduEipLister(transport));
            assertThat(requests).containsExactly("maxKeys=1000", "marker=tp-2&maxKeys=1000", "marker=tp-3&maxKeys=1000");
            assertThat(published).extracting(FoundItem::packageId).containsExactly("tp-1", "tp-2", "tp-3");
            assertThat(published.get(0).item().get("capacity").isTextual()).isTrue();
            assertThat(out.complete()).isFalse();
            assertThat(out.reasons()).extracting(IncompleteReason::code, IncompleteReason::requestId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("InconsistentPaging", "bce-3"));
        } finally {
            server.stop(0);
        }
    }
}
