package io.packwatch.collectors.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.baidu.BceV1Signer;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.paging.ListingOutcome;
import io.packwatch.collectors.retry.Backoff;
import io.packwatch.collectors.retry.CallOutcomeListener;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The poll targets {@link CollectorFactory#targets} builds from a loaded configuration: which host each Baidu region is
 * called on, and which token bucket each account/region shares.
 *
 * <p>No network: the Baidu targets get a recording {@link HttpClient} through the package-private
 * {@code targets(config, clock, baiduHttp)} seam, which answers every request with an empty last page.
 */
class CollectorTargetsTest {
    private static final Map<String, String> ENV = Map.of("A_ID", "akA", "A_KEY", "skA", "B_ID", "akB", "B_KEY", "skB");
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final RecordingHttpClient http = new RecordingHttpClient();

    // --- Baidu: per-region host and its overrides ------------------------------------------------------------------

    @Test
    void eachBaiduRegionIsCalledOnItsOwnPublicHost() throws Exception {
        CollectorConfig config = load(VendorApi.BAIDU_EIP, "", List.of("bj", "gz"), List.of("su"));
        List<PollTarget> targets = CollectorFactory.targets(config, CLOCK, http);

        assertThat(targets).extracting(PollTarget::account, PollTarget::region)
                .containsExactly(tuple("a", "bj"), tuple("a", "gz"), tuple("b", "su"));
        assertRequest(targets.get(0), "https://eip.bj.baidubce.com/v1/eiptp?maxKeys=1000", "eip.bj.baidubce.com", "akA", "skA");
        assertRequest(targets.get(1), "https://eip.gz.baidubce.com/v1/eiptp?maxKeys=1000", "eip.gz.baidubce.com", "akA", "skA");
        assertRequest(targets.get(2), "https://eip.su.baidubce.com/v1/eiptp?maxKeys=1000", "eip.su.baidubce.com", "akB", "skB");
        assertThat(config.baiduBaseUrl("fwh")).isEqualTo("https://eip.fwh.baidubce.com");
    }

    @Test
    void aRegionEndpointOverridesOnlyItsRegion() throws Exception {
        CollectorConfig config = load(VendorApi.BAIDU_EIP, "regionEndpoints: {gz: \"http://127.0.0.1:18081\"}\n",
                List.of("bj", "gz"), List.of("gz"));
        List<PollTarget> targets = CollectorFactory.targets(config, CLOCK, http);

        assertRequest(targets.get(0), "https://eip.bj.baidubce.com/v1/eiptp?maxKeys=1000", "eip.bj.baidubce.com", "akA", "skA");
        // The signed host carries the port, as java.net.http sends it for a non-default port.
        assertRequest(targets.get(1), "http://127.0.0.1:18081/v1/eiptp?maxKeys=1000", "127.0.0.1:18081", "akA", "skA");
        assertRequest(targets.get(2), "http://127.0.0.1:18081/v1/eiptp?maxKeys=1000", "127.0.0.1:18081", "akB", "skB");
    }

    @Test
    void aRegionEndpointWinsOverTheEndpointTemplate() throws Exception {
        CollectorConfig config = load(VendorApi.BAIDU_EIP,
                "endpoint: \"http://{region}.eip.test:18080\"\nregionEndpoints: {gz: \"http://127.0.0.1:18081/\"}\n",
                List.of("bj", "gz"), List.of("su"));
        List<PollTarget> targets = CollectorFactory.targets(config, CLOCK, http);

        assertRequest(targets.get(0), "http://bj.eip.test:18080/v1/eiptp?maxKeys=1000", "bj.eip.test:18080", "akA", "skA");
        // A trailing slash on the override does not double the path separator.
        assertRequest(targets.get(1), "http://127.0.0.1:18081/v1/eiptp?maxKeys=1000", "127.0.0.1:18081", "akA", "skA");
        assertRequest(targets.get(2), "http://su.eip.test:18080/v1/eiptp?maxKeys=1000", "su.eip.test:18080", "akB", "skB");
    }

    // --- One token bucket per account per API, shared by the account's regions --------------------------------------

    @ParameterizedTest
    @EnumSource(value = VendorApi.class, names = {"TENCENT_VPC", "TENCENT_LIGHTHOUSE", "BAIDU_EIP"})
    void theRegionsOfAnAccountShareOneBucketAndAnotherAccountHasItsOwn(VendorApi api) throws Exception {
        List<String> regionsA = api.isTencent() ? List.of("ap-guangzhou", "ap-shanghai") : List.of("bj", "gz");
        List<String> regionsB = api.isTencent() ? List.of("ap-guangzhou") : List.of("bj");
        CollectorConfig config = load(api, "", regionsA, regionsB);
        List<PollTarget> targets = CollectorFactory.targets(config, CLOCK, http);

        assertThat(targets).extracting(PollTarget::account, PollTarget::region).containsExactly(
                tuple("a", regionsA.get(0)), tuple("a", regionsA.get(1)), tuple("b", regionsB.get(0)));
        PollTarget a1 = targets.get(0);
        PollTarget a2 = targets.get(1);
        PollTarget b1 = targets.get(2);
        assertThat(a1.bucket()).as("both regions of account a").isSameAs(a2.bucket());
        // Account b polls the same region name as account a, and still gets a bucket of its own.
        assertThat(b1.bucket()).as("account b").isNotSameAs(a1.bucket());
        assertThat(List.of(a1.bucket(), b1.bucket())).allSatisfy(
                bucket -> assertThat(bucket.configuredRate()).isEqualTo(config.requestsPerSecond()));
        assertThat(a1.lister()).as("each region lists on its own").isNotSameAs(a2.lister());

        // Sharing is what makes a throttle in one region slow the account's other regions, and only those.
        a1.bucket().onThrottled();
        assertThat(a2.bucket().currentRate()).isEqualTo(config.requestsPerSecond() / 2);
        assertThat(b1.bucket().currentRate()).isEqualTo(config.requestsPerSecond());
    }

    @Test
    void liveHasOneTargetPerAccountEachWithItsOwnBucket() throws Exception {
        CollectorConfig config = load(VendorApi.TENCENT_LIVE, "", List.of(), List.of());
        List<PollTarget> targets = CollectorFactory.targets(config, CLOCK, http);

        assertThat(targets).extracting(PollTarget::account, PollTarget::region).containsExactly(tuple("a", ""), tuple("b", ""));
        assertThat(targets.get(0).bucket()).isNotSameAs(targets.get(1).bucket());
    }

    // --- The catalogue: every API has its own lister -----------------------------------------------------------------

    /**
     * The lister is chosen by an exhaustive switch over {@link VendorApi} in {@link CollectorFactory#lister}: a catalogue
     * entry without a lister is a compile error. This shows the switch gives each API a part of its own.
     */
    @Test
    void everyCatalogueApiGetsAListerOfItsOwn() throws Exception {
        Map<Class<?>, VendorApi> owners = new LinkedHashMap<>();
        for (VendorApi api : VendorApi.values()) {
            List<String> regions = !api.regional() ? List.of() : api.isTencent() ? List.of("ap-guangzhou") : List.of("bj");
            List<PollTarget> targets = CollectorFactory.targets(load(api, "", regions, regions), CLOCK, http);
            assertThat(targets).as(api.id()).isNotEmpty();
            VendorApi previous = owners.put(targets.get(0).lister().getClass(), api);
            assertThat(previous).as(api.id() + " shares its lister class with another API").isNull();
        }
        assertThat(owners).hasSize(VendorApi.values().length);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** Lists the target once and checks the one request it sent: URL, and a signature made for that host. */
    private void assertRequest(PollTarget target, String url, String signedHost, String ak, String sk) throws Exception {
        http.requests.clear();
        ListingOutcome outcome = target.lister().list(caller(), (page, items) -> { });
        assertThat(outcome.reasons()).as(target.region()).isEmpty();
        assertThat(http.requests).as(target.region()).hasSize(1);
        HttpRequest request = http.requests.get(0);
        assertThat(request.uri()).as(target.region()).isEqualTo(URI.create(url));

        String ts = BceV1Signer.timestamp(NOW);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("maxKeys", "1000");
        String expected = new BceV1Signer(ak, sk, CollectorFactory.BCE_EXPIRATION_SECONDS)
                .authorization("GET", "/v1/eiptp", query, Map.of("host", signedHost, "x-bce-date", ts), ts, true);
        assertThat(request.headers().firstValue("Authorization")).as(target.region() + " signature").contains(expected);
        assertThat(request.headers().firstValue("x-bce-date")).contains(ts);
    }

    /** A caller with its own never-waiting bucket, so listing does not pace in real time. */
    private static PacedRetryingCaller caller() {
        return new PacedRetryingCaller(new TokenBucket(1000, () -> 0L, n -> { }), 1,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0), d -> { }, () -> false, CallOutcomeListener.NONE);
    }

    private CollectorConfig load(VendorApi api, String endpoints, List<String> regionsA, List<String> regionsB)
            throws IOException {
        String yaml = "api: " + api.id() + "\n" + endpoints
                + "accounts:\n"
                + "  - name: a\n"
                + "    credentials: {idEnv: A_ID, keyEnv: A_KEY}\n"
                + regions(regionsA)
                + "  - name: b\n"
                + "    credentials: {idEnv: B_ID, keyEnv: B_KEY}\n"
                + regions(regionsB)
                + "kafka: {producer: {bootstrap.servers: \"x:9092\"}}\n";
        Path file = Files.writeString(dir.resolve(api.id() + ".yaml"), yaml);
        return new ConfigLoader(ENV::get).load(file, api);
    }

    private static String regions(List<String> regions) {
        return regions.isEmpty() ? "" : "    regions: [" + String.join(", ", regions) + "]\n";
    }

    /** Records each request and answers it with an empty, final Baidu list page; never touches the network. */
    private static final class RecordingHttpClient extends HttpClient {
        final List<HttpRequest> requests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            requests.add(request);
            // the body goes through the caller's own handler, whichever body type it asks for
            HttpHeaders headers = HttpHeaders.of(Map.of("x-bce-request-id", List.of("recorded")), (k, v) -> true);
            HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
                @Override public int statusCode() { return 200; }
                @Override public HttpHeaders headers() { return headers; }
                @Override public Version version() { return Version.HTTP_1_1; }
            });
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override public void request(long n) { }
                @Override public void cancel() { }
            });
            subscriber.onNext(List.of(ByteBuffer.wrap("{\"packageList\":[],\"isTruncated\":false}".getBytes(StandardCharsets.UTF_8))));
            subscriber.onComplete();
            return new RecordedResponse<>(request, headers, subscriber.getBody().toCompletableFuture().join());
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            throw new UnsupportedOperationException();
        }

        @Override public Optional<CookieHandler> cookieHandler() { return Optional.empty(); }
        @Override public Optional<Duration> connectTimeout() { return Optional.empty(); }
        @Override public Redirect followRedirects() { return Redirect.NEVER; }
        @Override public Optional<ProxySelector> proxy() { return Optional.empty(); }
        @Override public SSLContext sslContext() { return null; }
        @Override public SSLParameters sslParameters() { return null; }
        @Override public Optional<Authenticator> authenticator() { return Optional.empty(); }
        @Override public Version version() { return Version.HTTP_1_1; }
        @Override public Optional<Executor> executor() { return Optional.empty(); }
    }

    private record RecordedResponse<T>(HttpRequest request, HttpHeaders headers, T body) implements HttpResponse<T> {
        @Override public int statusCode() { return 200; }
        @Override public Optional<HttpResponse<T>> previousResponse() { return Optional.empty(); }
        @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }
        @Override public URI uri() { return request.uri(); }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
