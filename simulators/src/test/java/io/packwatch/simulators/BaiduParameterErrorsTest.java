package io.packwatch.simulators;

import com.baidubce.BceServiceException;
import com.baidubce.services.eiptp.EipTpClient;
import com.baidubce.services.eiptp.model.ListEipTpsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every parameter/path error of the Baidu table in docs/simulators.md ("| Check | HTTP | code |"), on the wire:
 * exact HTTP status, JSON {@code code}, a non-empty {@code requestId} equal to the {@code x-bce-request-id} header.
 * Where the official SDK can produce the request, also what the SDK reports.
 */
class BaiduParameterErrorsTest {
    private static final String JSON = "application/json;charset=UTF-8";
    static SimulatorServer server;
    static RawClient raw;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(SimulatorOptions.of(TestScenarios.interop()));
        raw = new RawClient(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    /** A signed GET on the bj port; {@code query} is decoded and sent percent-encoded. */
    record Case(String name, String path, Map<String, String> query, int status, String code) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Case> wireCases() {
        return Stream.of(
                new Case("unknown deductPolicy", "/v1/eiptp", Map.of("deductPolicy", "NightPackage"), 400, "InvalidHTTPRequest"),
                new Case("unknown status", "/v1/eiptp", Map.of("status", "ACTIVE"), 400, "InvalidHTTPRequest"),
                new Case("maxKeys not a number", "/v1/eiptp", Map.of("maxKeys", "ten"), 400, "InvalidHTTPRequest"),
                new Case("maxKeys not an integer", "/v1/eiptp", Map.of("maxKeys", "1.5"), 400, "InvalidHTTPRequest"),
                new Case("maxKeys 0", "/v1/eiptp", Map.of("maxKeys", "0"), 400, "InvalidHTTPRequest"),
                new Case("maxKeys negative", "/v1/eiptp", Map.of("maxKeys", "-1"), 400, "InvalidHTTPRequest"),
                new Case("marker that is no package", "/v1/eiptp", Map.of("marker", "tp-nothere"), 400, "InvalidHTTPRequest"),
                new Case("marker of another region's package", "/v1/eiptp", Map.of("marker", "tp-gz000001"), 400, "InvalidHTTPRequest"),
                new Case("unknown path /v1/eip", "/v1/eip", Map.of(), 404, "NoSuchKey"),
                new Case("unknown path below a detail", "/v1/eiptp/tp-bj000001/usage", Map.of(), 404, "NoSuchKey"),
                new Case("unknown path /", "/", Map.of(), 404, "NoSuchKey"),
                new Case("version v2 list", "/v2/eiptp", Map.of(), 404, "InvalidVersion"),
                new Case("version v2 detail", "/v2/eiptp/tp-bj000001", Map.of(), 404, "InvalidVersion"),
                new Case("version v0 list", "/v0/eiptp", Map.of(), 404, "InvalidVersion"),
                new Case("detail of an unknown id", "/v1/eiptp/tp-nothere", Map.of(), 404, "NoSuchObject"),
                new Case("detail of another region's package", "/v1/eiptp/tp-gz000001", Map.of(), 404, "NoSuchObject"));
    }

    private static void assertBaiduError(int status, String contentType, String requestIdHeader, String body, int wantStatus, String wantCode)
            throws Exception {
        assertThat(status).isEqualTo(wantStatus);
        assertThat(contentType).isEqualTo(JSON);
        JsonNode err = TencentSdk.JSON.readTree(body);
        assertThat(err.path("code").asText()).isEqualTo(wantCode);
        assertThat(err.path("message").asText()).isNotBlank();
        String requestId = err.path("requestId").asText();
        assertThat(requestId).isNotBlank();
        assertThat(requestIdHeader).isEqualTo(requestId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireCases")
    void documentedErrorOnTheWire(Case c) throws Exception {
        HttpResponse<String> r = raw.baidu("bj", c.path(), c.query());
        assertBaiduError(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("x-bce-request-id").orElse(null), r.body(), c.status(), c.code());
    }

    /** The same request is accepted once the offending value is a valid one: the error is about that value alone. */
    @Test
    void validCounterpartsOfTheListCasesAreAccepted() throws Exception {
        for (Map<String, String> q : List.of(Map.of("deductPolicy", "TimeDurationPackage"), Map.of("status", "RUNNING"),
                Map.of("maxKeys", "1"), Map.of("marker", "tp-bj000001"))) {
            assertThat(raw.baidu("bj", "/v1/eiptp", q).statusCode()).as("%s", q).isEqualTo(200);
        }
        assertThat(raw.baidu("bj", "/v1/eiptp/tp-bj000001", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void maxKeysBeyondTheMaximumIsCappedNotRefusedWhateverItsSize() throws Exception {
        for (String asked : List.of("1001", "2147483648", "10000000000")) {
            var r = raw.baidu("bj", "/v1/eiptp", Map.of("maxKeys", asked));
            assertThat(r.statusCode()).as(asked).isEqualTo(200);
            assertThat(TencentSdk.JSON.readTree(r.body()).get("maxKeys").asInt()).as(asked).isEqualTo(1000);
        }
    }

    /** The cases the official SDK can send (it drops maxKeys outside 1..1000 and always builds /v1 paths). */
    record SdkCase(String name, Consumer<EipTpClient> call, int status, String code) {
        @Override
        public String toString() { return name; }
    }

    private static ListEipTpsRequest list(Consumer<ListEipTpsRequest> set) {
        ListEipTpsRequest req = new ListEipTpsRequest();
        set.accept(req);
        return req;
    }

    static Stream<SdkCase> sdkCases() {
        return Stream.of(
                new SdkCase("unknown deductPolicy", c -> c.listEipTps(list(r -> r.setDeductPolicy("NightPackage"))), 400, "InvalidHTTPRequest"),
                new SdkCase("unknown status", c -> c.listEipTps(list(r -> r.setStatus("ACTIVE"))), 400, "InvalidHTTPRequest"),
                new SdkCase("marker that is no package", c -> c.listEipTps(list(r -> r.setMarker("tp-nothere"))), 400, "InvalidHTTPRequest"),
                new SdkCase("detail of an unknown id", c -> c.getEipTpDetail("tp-nothere"), 404, "NoSuchObject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkCases")
    void documentedErrorAsTheSdkSeesIt(SdkCase c) {
        EipTpClient client = BaiduSdk.client(server, "bj");
        assertThatThrownBy(() -> c.call().accept(client))
                .isInstanceOfSatisfying(BceServiceException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(c.status());
                    assertThat(e.getErrorCode()).isEqualTo(c.code());
                    assertThat(e.getErrorType()).isEqualTo(BceServiceException.ErrorType.Client);
                    assertThat(e.getRequestId()).isNotBlank();
                });
    }

    /** The socket path used below reaches the handler: a valid escape is decoded and answered by the simulator. */
    @Test
    void verbatimRequestWithAValidEscapeReachesTheHandler() throws Exception {
        RawClient.Wire w = raw.baiduVerbatim("bj", "/v1/eiptp?marker=%74p-nothere", "/v1/eiptp", Map.of("marker", "tp-nothere"));
        assertBaiduError(w.status(), w.headers().get("content-type"), w.headers().get("x-bce-request-id"), w.body(), 400, "InvalidHTTPRequest");
        RawClient.Wire ok = raw.baiduVerbatim("bj", "/v1/eiptp?maxKeys=%31", "/v1/eiptp", Map.of("maxKeys", "1"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(TencentSdk.JSON.readTree(ok.body()).get("maxKeys").asInt()).isEqualTo(1);
    }

    /**
     * KNOWN GAP, pinned on purpose: docs/simulators.md promises 400 {@code InvalidURI} for a bad {@code %} escape, but
     * com.sun.net.httpserver parses the request target with java.net.URI and rejects it before any handler runs: a
     * plain-text 400 with no JSON body and no x-bce-request-id. BaiduHandler's InvalidURI branch is unreachable.
     * When the simulator is fixed, replace this with the documented expectation (400, InvalidURI, request id).
     */
    @Test
    void badPercentEscapeIsRejectedByTheJdkServerNotAnsweredAsInvalidUri() throws Exception {
        for (String target : new String[] {"/v1/eiptp?marker=%zz", "/v1/eiptp?marker=tp-%4", "/v1/eiptp?mar%ker=x", "/v1/eip%zztp"}) {
            RawClient.Wire w = raw.baiduVerbatim("bj", target, "/v1/eiptp", Map.of());
            assertThat(w.status()).as(target).isEqualTo(400);
            assertThat(w.headers()).as(target).doesNotContainKey("x-bce-request-id");
            assertThat(w.headers().get("content-type")).as(target).isEqualTo("text/html");
            assertThat(w.body()).as(target).doesNotContain("InvalidURI");
        }
    }
}
