package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.simulators.baidu.BceSigner;
import io.packwatch.simulators.control.Outcome;
import io.packwatch.simulators.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing: every Tencent API of the catalogue reaches its own handler on the one Tencent port (the handler is chosen
 * by an exhaustive switch in TencentHandler, so a catalogue entry without one does not compile; this shows each is
 * routed); Baidu routing by Host, scenario files in JSON, faults declared in the scenario.
 */
class RoutingTest {
    private static final String JSON_SCENARIO = """
            {"name": "json",
             "accounts": [{"id": "b", "vendor": "baidu", "accessKeyId": "ak", "secretAccessKey": "sk",
                           "eip": [{"id": "tp-bj000001", "region": "bj", "capacity": "10GiB"},
                                   {"id": "tp-gz000001", "region": "gz", "capacity": "20GiB"}]}],
             "faults": [{"api": "baidu-eip", "next": 1, "type": "INTERNAL_ERROR"}]}
            """;

    /** A raw HTTP/1.1 GET, because no JDK client lets us choose the Host header. */
    private static String get(int port, String host, String path) throws Exception {
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", host);
        signed.put("x-bce-date", ts);
        String auth = BceSigner.authorization("ak", "sk", ts, 1800, "GET", path, Map.of(), signed);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nx-bce-date: " + ts + "\r\nAuthorization: " + auth
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            String resp = b.toString(StandardCharsets.UTF_8);
            return resp.substring(resp.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void hostOfTheFormEipRegionWinsOverThePortsRegion() throws Exception {
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(JSON_SCENARIO)))) {
            int bjPort = URI.create(s.baiduEndpoint("bj")).getPort();
            // the scenario's scripted fault comes first
            assertThat(get(bjPort, "127.0.0.1:" + bjPort, "/v1/eiptp")).contains("\"code\":\"InternalError\"");
            assertThat(s.stats().requests(VendorApi.BAIDU_EIP, "b", Outcome.FAULT)).isEqualTo(1);
            JsonNode byPort = TencentSdk.JSON.readTree(get(bjPort, "127.0.0.1:" + bjPort, "/v1/eiptp"));
            assertThat(byPort.get("packageList").get(0).get("id").asText()).isEqualTo("tp-bj000001");
            JsonNode byHost = TencentSdk.JSON.readTree(get(bjPort, "eip.gz.baidubce.com", "/v1/eiptp"));
            assertThat(byHost.get("packageList")).hasSize(1);
            assertThat(byHost.get("packageList").get(0).get("id").asText()).isEqualTo("tp-gz000001");
        }
    }

    @Test
    void everyTencentApiOfTheCatalogueIsServedOnTheTencentPort() throws Exception {
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(TestScenarios.interop()))) {
            RawClient client = new RawClient(s);
            for (VendorApi api : VendorApi.values()) {
                if (!api.isTencent()) continue;
                JsonNode response = TencentSdk.JSON.readTree(client.tencent(api, api.regional() ? "ap-guangzhou" : null, "{}").body())
                        .path("Response");
                // An API's own parameter checks may refuse "{}" (Live wants PackageType); routing must not.
                assertThat(response.path("Error").path("Code").asText("")).as(api.id())
                        .isNotIn("InvalidAction", "NoSuchVersion", "InternalError");
                assertThat(s.stats().requests(api, "tc")).as(api.id() + " counted for its own API").isEqualTo(1);
            }
        }
    }
}
