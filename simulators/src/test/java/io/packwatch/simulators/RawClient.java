package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import io.packwatch.simulators.baidu.BceSigner;
import io.packwatch.simulators.tencent.Tc3Signer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A bare JDK HTTP client signing with the project's signers, to see responses byte for byte. */
final class RawClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SimulatorServer server;
    private Duration timeout = Duration.ofSeconds(10);

    RawClient(SimulatorServer server) { this.server = server; }

    RawClient timeout(Duration d) {
        timeout = d;
        return this;
    }

    HttpResponse<String> tencent(VendorApi api, String region, String body, String secretId, String secretKey) throws IOException, InterruptedException {
        String host = server.tencentEndpoint();
        long ts = Instant.now().getEpochSecond();
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("content-type", "application/json; charset=utf-8");
        signed.put("host", host);
        String service = host.split("\\.")[0];
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + "/")).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-TC-Action", api.action()).header("X-TC-Version", api.apiVersion())
                .header("X-TC-Timestamp", Long.toString(ts))
                .header("Authorization", Tc3Signer.authorization(secretId, secretKey, service, ts, signed, payload))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (region != null) b.header("X-TC-Region", region);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> tencent(VendorApi api, String region, String body) throws IOException, InterruptedException {
        return tencent(api, region, body, TestScenarios.TC_ID, TestScenarios.TC_KEY);
    }

    /** @param query decoded parameters, sent percent-encoded */
    HttpResponse<String> baidu(String region, String path, Map<String, String> query, String ak, String sk) throws IOException, InterruptedException {
        String endpoint = server.baiduEndpoint(region);
        String host = endpoint.substring("http://".length());
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", host);
        signed.put("x-bce-date", ts);
        StringBuilder qs = new StringBuilder();
        query.forEach((k, v) -> qs.append(qs.length() == 0 ? "?" : "&").append(BceSigner.uriEncode(k, true)).append('=').append(BceSigner.uriEncode(v, true)));
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + path + qs)).timeout(timeout)
                .header("x-bce-date", ts)
                .header("Authorization", BceSigner.authorization(ak, sk, ts, 1800, "GET", path, query, signed))
                .GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> baidu(String region, String path, Map<String, String> query) throws IOException, InterruptedException {
        return baidu(region, path, query, TestScenarios.BD_AK, TestScenarios.BD_SK);
    }

    /** A response read off the socket: status, headers (names lower-case, first value) and body. */
    record Wire(int status, Map<String, String> headers, String body) { }

    /**
     * A Baidu GET whose request target is written to the socket verbatim (java.net.URI rejects or re-quotes bad
     * escapes, so HttpClient cannot send them). Signed for {@code path} and the decoded {@code signedQuery}.
     */
    Wire baiduVerbatim(String region, String target, String path, Map<String, String> signedQuery) throws IOException {
        URI endpoint = URI.create(server.baiduEndpoint(region));
        String host = endpoint.getAuthority();
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", host);
        signed.put("x-bce-date", ts);
        String auth = BceSigner.authorization(TestScenarios.BD_AK, TestScenarios.BD_SK, ts, 1800, "GET", path, signedQuery, signed);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), endpoint.getPort())) {
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nx-bce-date: " + ts + "\r\nAuthorization: " + auth
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = resp.indexOf("\r\n\r\n");
            String[] lines = resp.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Wire(Integer.parseInt(lines[0].split(" ")[1]), headers, resp.substring(end + 4));
        }
    }
}
