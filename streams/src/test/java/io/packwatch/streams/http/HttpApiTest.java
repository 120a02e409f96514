package io.packwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.LocalTimeWindow;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router and server without Kafka: encoded keys stay one segment, 404/405/400/500 are JSON, extensions route. */
class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpApi api;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router()
                .add("GET", "/packages/(.+)", r -> ApiResponse.ok(Map.of("key", r.pathParams().get(0), "forwarded", r.forwarded())))
                .add("GET", "/boom", r -> {
                    throw new IllegalStateException("secret internals");
                })
                .add("GET", "/bad", r -> {
                    throw new IllegalArgumentException("limit must be 1..1000");
                });
        router.add("GET", "/alerts", r -> ApiResponse.ok(Map.of("state", r.param("state", "ALL"))));
        api = new HttpApi("127.0.0.1", 0, router);
        api.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(String method, String path, boolean forwarded) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (forwarded) {
            b.header(HttpApi.FORWARDED_HEADER, "1");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void encodedSlashesStayInsideTheKey() throws Exception {
        HttpResponse<String> r = send("GET", "/packages/tencent-lighthouse%2Fa%2Fap-guangzhou%2Flhins-1%2Flhtfp-1", true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("key").asText()).isEqualTo("tencent-lighthouse/a/ap-guangzhou/lhins-1/lhtfp-1");
        assertThat(body.get("forwarded").asBoolean()).isTrue();
    }

    @Test
    void errorsAreJsonWithoutInternals() throws Exception {
        assertThat(send("GET", "/nothing", false).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/alerts", false).statusCode()).isEqualTo(405);
        HttpResponse<String> bad = send("GET", "/bad", false);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("limit must be 1..1000");
        HttpResponse<String> boom = send("GET", "/boom", false);
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).doesNotContain("secret internals").contains("IllegalStateException");
    }

    /**
     * The listing's parameter checks, through the real route: a bad limit or an unknown filter value is a 400 problem
     * document naming parameter, value and what is allowed (the checks run before the store is touched, so no
     * Kafka Streams client is needed here; valid listings are StreamsAppIT's).
     */
    @Test
    void badListingParametersAreProblemDocumentsNamingParameterValueAndWhatIsAllowed() throws Exception {
        Router router = new Router();
        new PackagesResource(null, null).register(router);
        try (HttpApi packages = new HttpApi("127.0.0.1", 0, router)) {
            packages.start();
            JsonNode limit = problem(packages, "/packages?limit=abc", "limit", "abc");
            assertThat(limit.get("allowed").asText()).isEqualTo("an integer from 1 to 1000");
            assertThat(limit.get("detail").asText()).doesNotContain("For input string");
            problem(packages, "/packages?limit=0", "limit", "0");
            problem(packages, "/packages?limit=1001", "limit", "1001");
            assertThat(problem(packages, "/packages?vendor=bogus", "vendor", "bogus").get("allowed").asText())
                    .isEqualTo("one of [TENCENT, BAIDU]");
            assertThat(problem(packages, "/packages?product=x", "product", "x").get("allowed").asText()).contains("LIGHTHOUSE");
            assertThat(problem(packages, "/packages?status=gone", "status", "gone").get("allowed").asText()).contains("EXPIRED");
            assertThat(problem(packages, "/packages?kind=water", "kind", "water").get("allowed").asText()).contains("CO_ANCHORING");
            assertThat(problem(packages, "/packages?api=tencent", "api", "tencent").get("allowed").asText())
                    .isEqualTo("one of " + java.util.Arrays.toString(io.packwatch.core.VendorApi.ids()))
                    .contains("tencent-vpc, tencent-lighthouse, tencent-live, baidu-eip");
        }
    }

    private JsonNode problem(HttpApi server, String pathAndQuery, String parameter, String value) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json; charset=utf-8");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("title").asText()).isEqualTo("Bad Request");
        assertThat(body.get("instance").asText()).isEqualTo("/packages");
        assertThat(body.get("parameter").asText()).isEqualTo(parameter);
        assertThat(body.get("value").asText()).isEqualTo(value);
        assertThat(body.get("detail").asText()).contains(parameter, value, body.get("allowed").asText());
        return body;
    }

    @Test
    void routesAddedLaterAnswerWithDecodedQueryParameters() throws Exception {
        assertThat(JSON.readTree(send("GET", "/alerts?state=FIRING%20", false).body()).get("state").asText()).isEqualTo("FIRING ");
    }

    @Test
    void snapshotsBecomePlainJsonWithIsoInstantsAndUnwrappedUnions() throws Exception {
        PackageSnapshot s = PackageSnapshot.newBuilder()
                .setPackageKey("baidu-eip/a/bj/tp-1").setVendor(Vendor.BAIDU).setProduct(Product.EIP).setAccount("a")
                .setRegion("bj").setPackageId("tp-1").setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(10L).setUsed(3L).setRemaining(7L).setStatus(PackageStatus.ACTIVE).setVendorStatus("RUNNING")
                .setDeductPolicy(DeductPolicy.OFF_PEAK).setOffPeakWindow(new LocalTimeWindow("00:00", "08:00", "Asia/Shanghai"))
                .setExpiresAt(Instant.parse("2021-09-10T11:41:16Z")).setTags(Map.of("team", "cdn"))
                .setObservedAt(Instant.parse("2024-07-16T10:46:08.120Z")).setPollId("p").build();
        JsonNode json = JSON.valueToTree(RecordJson.toMap(s));
        assertThat(json.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(json.get("capacity").asLong()).isEqualTo(10L);
        assertThat(json.get("expiresAt").asText()).isEqualTo("2021-09-10T11:41:16Z");
        assertThat(json.get("observedAt").asText()).isEqualTo("2024-07-16T10:46:08.120Z");
        assertThat(json.get("createdAt").isNull()).isTrue();
        assertThat(json.at("/offPeakWindow/zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(json.at("/tags/team").asText()).isEqualTo("cdn");
    }
}
