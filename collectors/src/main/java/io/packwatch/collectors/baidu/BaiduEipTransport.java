package io.packwatch.collectors.baidu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.Retryability;
import io.packwatch.collectors.vendor.VendorCallException;
import io.packwatch.collectors.vendor.VendorJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code GET /v1/eiptp} for one account and region on java.net.http, signed with bce-auth-v1 per attempt. */
public final class BaiduEipTransport {
    static final String PATH = "/v1/eiptp";
    static final String TRANSPORT_ERROR = "TransportError";
    static final String MALFORMED_RESPONSE = "MalformedResponse";

    private final HttpClient http;
    private final URI base;
    private final BceV1Signer signer;
    private final Duration readTimeout;
    private final Clock clock;

    public BaiduEipTransport(HttpClient http, String baseUrl, BceV1Signer signer, Duration readTimeout, Clock clock) {
        this.http = http;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.signer = signer;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    /** One list page; marker null for the first page. */
    public ApiPage list(String marker, int maxKeys) throws VendorCallException {
        Map<String, String> query = new LinkedHashMap<>();
        if (marker != null) {
            query.put("marker", marker);
        }
        query.put("maxKeys", Integer.toString(maxKeys));
        String queryString = query.entrySet().stream()
                .map(e -> BceV1Signer.uriEncode(e.getKey()) + "=" + BceV1Signer.uriEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + PATH + "?" + queryString);
        String timestamp = BceV1Signer.timestamp(clock.instant());
        // java.net.http writes Host itself (host, plus the port when it is not the scheme default); sign that value.
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        Map<String, String> signed = Map.of("host", host, "x-bce-date", timestamp);
        String authorization = signer.authorization("GET", uri.getPath(), query, signed, timestamp, true);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(readTimeout)
                .header("x-bce-date", timestamp)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new VendorCallException(TRANSPORT_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    null, Retryability.RETRY, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorCallException("Interrupted", "interrupted while waiting for the response", null, Retryability.FATAL, null);
        }
        String requestId = response.headers().firstValue("x-bce-request-id").orElse(null);
        JsonNode body;
        try {
            // read as a stream so that an oversized page is refused at the bound, not after it was buffered whole
            body = VendorJson.readPage(response.body(), requestId);
        } catch (JsonProcessingException e) {
            body = null;
        } catch (IOException e) {
            throw new VendorCallException(TRANSPORT_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    requestId, Retryability.RETRY, null);
        }
        int status = response.statusCode();
        if (status != 200) {
            String code = body != null && body.hasNonNull("code") ? body.get("code").asText() : "HTTP" + status;
            String message = body != null && body.hasNonNull("message") ? body.get("message").asText() : "HTTP " + status;
            if (requestId == null && body != null && body.hasNonNull("requestId")) {
                requestId = body.get("requestId").asText();
            }
            throw new VendorCallException(code, "HTTP " + status + ": " + message, requestId,
                    BaiduErrors.classify(status, code), null);
        }
        if (body == null || !body.isObject()) {
            throw new VendorCallException(MALFORMED_RESPONSE, "response is not a JSON object", requestId, Retryability.FATAL, null);
        }
        return new ApiPage(body, requestId, clock.instant());
    }
}
