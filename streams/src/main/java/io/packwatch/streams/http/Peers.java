package io.packwatch.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** Calls another Packwatch instance's HTTP API (the address it advertises as {@code application.server}). */
final class Peers {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    record Answer(int status, JsonNode body) {
    }

    Answer get(HostInfo host, String rawPathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + rawPathAndQuery))
                .timeout(TIMEOUT)
                .header(HttpApi.FORWARDED_HEADER, "1")
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), HttpApi.JSON.readTree(response.body()));
    }
}
