package io.packwatch.collectors.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.AbstractClient;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.http.HttpConnection;
import com.tencentcloudapi.common.profile.HttpProfile;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.VendorJson;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which host each Tencent API is called on, per site and with an endpoint override, for the client
 * {@link TencentClientFactory} builds from a loaded configuration.
 *
 * <p>No network: an okhttp interceptor added to the SDK's own connection records the request the SDK's {@code call()}
 * built (URL, Host header, credential scope) and answers it itself, so nothing leaves the process. The SDK keeps that
 * connection in a private field, so the test reaches it by reflection; if the SDK renames the field the test fails
 * loudly at {@link #recordRequests} rather than passing silently.
 */
class TencentEndpointsTest {
    private static final Map<String, String> ENV = Map.of("TC_ID", "AKIDtestSecretId", "TC_KEY", "testSecretKey");

    @TempDir
    Path dir;

    private final List<Request> requests = new ArrayList<>();

    /** Hosts exactly as vendor-spec.md lists them: the table at the top, and 1.1 for the international site. */
    static Stream<Arguments> hostsPerSite() {
        return Stream.of(
                Arguments.of(VendorApi.TENCENT_VPC, "mainland", "vpc.tencentcloudapi.com"),
                Arguments.of(VendorApi.TENCENT_VPC, "intl", "vpc.intl.tencentcloudapi.com"),
                Arguments.of(VendorApi.TENCENT_LIGHTHOUSE, "mainland", "lighthouse.tencentcloudapi.com"),
                Arguments.of(VendorApi.TENCENT_LIGHTHOUSE, "intl", "lighthouse.intl.tencentcloudapi.com"),
                Arguments.of(VendorApi.TENCENT_LIVE, "mainland", "live.tencentcloudapi.com"),
                // The spec's table gives no intl host for Live; 1.1 states {service}.intl.tencentcloudapi.com for
                // every international-site account.
                Arguments.of(VendorApi.TENCENT_LIVE, "intl", "live.intl.tencentcloudapi.com"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("hostsPerSite")
    void eachApiIsCalledOnTheSpecHostOfItsSite(VendorApi api, String site, String host) throws Exception {
        CollectorConfig config = load(api, "site: " + site + "\n");
        assertThat(config.site()).isEqualTo(site.equals("intl") ? CollectorConfig.Site.INTL : CollectorConfig.Site.MAINLAND);
        CommonClient client = TencentClientFactory.create(config, config.accounts().get(0).credentials(), "ap-guangzhou");

        HttpProfile http = client.getClientProfile().getHttpProfile();
        assertThat(http.getProtocol()).as("protocol").isEqualTo(HttpProfile.REQ_HTTPS);

        Request request = callOnce(client, api);
        assertThat(request.url().toString()).isEqualTo("https://" + host + "/");
        assertThat(request.header("Host")).isEqualTo(host);
        // The signing service is the first DNS label of the host (vendor-spec 1.1): vpc, lighthouse, live.
        assertThat(request.header("Authorization"))
                .startsWith("TC3-HMAC-SHA256 Credential=AKIDtestSecretId/")
                .contains("/" + api.productName() + "/tc3_request,")
                .contains("SignedHeaders=content-type;host,");
        assertThat(request.header("X-TC-Action")).isEqualTo(api.action());
        assertThat(request.header("X-TC-Version")).isEqualTo(api.apiVersion());
        assertThat(request.header("X-TC-Region")).isEqualTo(api.regional() ? "ap-guangzhou" : "");
    }

    @Test
    void theSiteDefaultsToMainland() throws Exception {
        CollectorConfig config = load(VendorApi.TENCENT_VPC, "");
        assertThat(config.site()).isEqualTo(CollectorConfig.Site.MAINLAND);
        CommonClient client = TencentClientFactory.create(config, config.accounts().get(0).credentials(), "ap-shanghai");
        assertThat(callOnce(client, VendorApi.TENCENT_VPC).url().host()).isEqualTo("vpc.tencentcloudapi.com");
    }

    static Stream<Arguments> overrides() {
        return Stream.of(
                // endpoint: http://host:port -> plain HTTP to exactly that host:port, whatever the site says.
                Arguments.of("mainland", "http://127.0.0.1:18080", "http://127.0.0.1:18080/", "127.0.0.1:18080"),
                Arguments.of("intl", "http://127.0.0.1:18080", "http://127.0.0.1:18080/", "127.0.0.1:18080"),
                // host:port alone, or https://host:port -> HTTPS.
                Arguments.of("intl", "gw.example.test:8443", "https://gw.example.test:8443/", "gw.example.test:8443"),
                Arguments.of("mainland", "https://vpc.ap-guangzhou.tencentcloudapi.com",
                        "https://vpc.ap-guangzhou.tencentcloudapi.com/", "vpc.ap-guangzhou.tencentcloudapi.com"));
    }

    @ParameterizedTest(name = "site {0}, endpoint {1}")
    @MethodSource("overrides")
    void anEndpointOverrideWinsOverTheSite(String site, String endpoint, String url, String host) throws Exception {
        for (VendorApi api : List.of(VendorApi.TENCENT_VPC, VendorApi.TENCENT_LIGHTHOUSE, VendorApi.TENCENT_LIVE)) {
            requests.clear();
            CollectorConfig config = load(api, "site: " + site + "\nendpoint: \"" + endpoint + "\"\n");
            CommonClient client = TencentClientFactory.create(config, config.accounts().get(0).credentials(), "ap-guangzhou");
            assertThat(client.getClientProfile().getHttpProfile().getEndpoint()).as(api.id()).isEqualTo(host);

            Request request = callOnce(client, api);
            assertThat(request.url().toString()).as(api.id()).isEqualTo(url);
            assertThat(request.header("Host")).as(api.id()).isEqualTo(host);
        }
    }

    /** Sends one request through the same transport the collector uses and returns what the SDK put on the wire. */
    private Request callOnce(CommonClient client, VendorApi api) throws Exception {
        recordRequests(client);
        ApiPage page = new TencentTransport(client, api.action(), Clock.systemUTC())
                .call(VendorJson.MAPPER.createObjectNode().put("Limit", 1));
        assertThat(page.requestId()).isEqualTo("recorded-" + requests.size());
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private void recordRequests(AbstractClient client) throws ReflectiveOperationException {
        Field field = AbstractClient.class.getDeclaredField("httpConnection");
        field.setAccessible(true);
        HttpConnection connection = (HttpConnection) field.get(client);
        // An application interceptor runs before DNS and connecting; not calling chain.proceed() keeps it offline.
        connection.addInterceptors(chain -> {
            Request request = chain.request();
            requests.add(request);
            return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                    .body(ResponseBody.create(MediaType.parse("application/json"),
                            "{\"Response\":{\"RequestId\":\"recorded-" + requests.size() + "\"}}"))
                    .build();
        });
    }

    private CollectorConfig load(VendorApi api, String siteAndEndpoint) throws Exception {
        String regions = api.regional() ? "    regions: [ap-guangzhou]\n" : "";
        String yaml = "api: " + api.id() + "\n" + siteAndEndpoint
                + "accounts:\n"
                + "  - name: a\n"
                + "    credentials: {idEnv: TC_ID, keyEnv: TC_KEY}\n"
                + regions
                + "kafka: {producer: {bootstrap.servers: \"x:9092\"}}\n";
        Path file = Files.writeString(dir.resolve(api.id() + ".yaml"), yaml);
        return new ConfigLoader(ENV::get).load(file, api);
    }
}
