package io.packwatch.notifier.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.registry.SchemaRegistryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;

/** Posts alerts to one Alertmanager's API v2. One instance per Alertmanager URL. */
public final class AlertmanagerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest error body kept for health and logs: an HTML error page must not flood them. */
    private static final int MAX_ERROR_BODY = 300;

    private final URI alertsUri;
    private final String displayName;
    private final HttpClient http;
    private final Duration timeout;

    public AlertmanagerClient(URI baseUrl, Duration timeout) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        this.alertsUri = URI.create(base + "api/v2/alerts");
        this.displayName = SchemaRegistryConfig.redact(baseUrl.toString());
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The URL without credentials: for logs, health and metric tags. */
    public String displayName() {
        return displayName;
    }

    /**
     * Posts {@code alerts}; returns normally only when Alertmanager answered 200.
     *
     * @throws DeliveryException with the reason (connection refused, timeout, status and the start of the body)
     */
    public void post(Collection<AmAlert> alerts) throws DeliveryException {
        byte[] body = toJson(alerts);
        HttpRequest request = HttpRequest.newBuilder(alertsUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException(displayName + " unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(displayName + ": interrupted");
        }
        if (response.statusCode() != 200) {
            String text = response.body() == null ? "" : response.body().strip();
            throw new DeliveryException(displayName + " answered " + response.statusCode() + ": "
                    + (text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "..." : text));
        }
    }

    static byte[] toJson(Collection<AmAlert> alerts) {
        ArrayNode array = JSON.createArrayNode();
        for (AmAlert alert : alerts) {
            ObjectNode node = array.addObject();
            ObjectNode labels = node.putObject("labels");
            alert.labels().forEach(labels::put);
            ObjectNode annotations = node.putObject("annotations");
            alert.annotations().forEach(annotations::put);
            node.put("startsAt", alert.startsAt().toString());
            node.put("endsAt", alert.endsAt().toString());
            node.put("generatorURL", alert.generatorUrl());
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write alerts as JSON", e);
        }
    }

    /** Alertmanager did not accept the alerts; the message says why and never holds credentials. */
    public static final class DeliveryException extends Exception {
        public DeliveryException(String message) {
            super(message);
        }
    }
}
