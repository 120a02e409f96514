package io.packwatch.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls the other Packwatch instances' HTTP API (the address each advertises as {@code application.server}): a key's
 * owner for a key, or every other instance for a listing. Requests it sends carry {@link HttpApi#FORWARDED_HEADER}, so
 * they are answered locally and never forwarded again.
 */
final class Peers {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final HostInfo self;

    Peers(HostInfo self) {
        this.self = self;
    }

    record Answer(int status, JsonNode body) {
    }

    /** The items of every other instance's local answer, or the error to answer with when one cannot be had. */
    record Merged(List<Map<String, Object>> items, ApiResponse error) {
    }

    /** This instance's address, as it advertises it. */
    HostInfo self() {
        return self;
    }

    boolean isSelf(HostInfo host) {
        return self.equals(host);
    }

    Answer get(HostInfo host, String rawPathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + rawPathAndQuery))
                .timeout(TIMEOUT)
                .header(HttpApi.FORWARDED_HEADER, "1")
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), HttpApi.JSON.readTree(response.body()));
    }

    /**
     * The listing {@code request} asks for, as the other {@code instances} hold it: each is sent the same request with
     * {@code scope=local}, and the {@code items} of their answers are merged. Nothing is asked when the request is
     * itself forwarded or asks for this instance's part only ({@code scope=local}).
     */
    @SuppressWarnings("unchecked")
    Merged others(ApiRequest request, Collection<HostInfo> instances) throws InterruptedException {
        List<Map<String, Object>> items = new ArrayList<>();
        if ("local".equals(request.param("scope", "all")) || request.forwarded()) {
            return new Merged(items, null);
        }
        List<HostInfo> asked = new ArrayList<>();
        for (HostInfo peer : instances) {
            if (isSelf(peer) || asked.contains(peer)) {
                continue;
            }
            asked.add(peer);
            Answer answer;
            try {
                answer = get(peer, request.rawPath() + "?" + localQuery(request.query()));
            } catch (IOException e) {
                return new Merged(items, ApiResponse.error(503, "instance " + peer + " is unreachable; retry"));
            }
            if (answer.status() != 200) {
                return new Merged(items, ApiResponse.error(503, "instance " + peer + " answered " + answer.status() + "; retry"));
            }
            for (JsonNode item : answer.body().get("items")) {
                items.add(HttpApi.JSON.convertValue(item, Map.class));
            }
        }
        return new Merged(items, null);
    }

    private static String localQuery(Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("scope", "local");
        StringBuilder sb = new StringBuilder();
        q.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
