package io.packwatch.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;

/**
 * Confluent Schema Registry REST client on {@code java.net.http}. Written by hand because Confluent's client jar is
 * not obtainable here (platform-notes.md) and Apicurio's serde speaks only Apicurio's native API; the five calls we
 * need are small. Every call has a connect and a request timeout, so a dead registry fails fast instead of hanging.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final Optional<String> authorization;

    public HttpSchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        config.truststoreLocation().ifPresent(location -> builder.sslContext(sslContext(location)));
        this.http = builder.build();
        this.authorization = config.basicAuthUserInfo().map(userInfo -> "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int register(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                    "register schema " + schema.getFullName() + " under subject '" + subject + "'");
            return answer.path("id").asInt();
        } catch (SchemaRegistryException e) {
            if (!e.isIncompatible()) {
                throw e;
            }
            // Apicurio also answers 409 when two clients create the same new subject at once; the loser finds the
            // schema registered by the winner. A truly incompatible schema is not there, and the 409 stands.
            try {
                return idOf(subject, schema);
            } catch (SchemaRegistryException notThere) {
                throw e;
            }
        }
    }

    @Override
    public int idOf(String subject, Schema schema) {
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema),
                "look up schema " + schema.getFullName() + " under subject '" + subject + "'");
        return answer.path("id").asInt();
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        try {
            return new Schema.Parser().parse(answer.path("schema").asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("schema id " + id + " from " + describeRegistry()
                    + " is not a valid Avro schema: " + e.getMessage(), 200, e);
        }
    }

    @Override
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config/" + encode(subject), body.toString(), "set compatibility of '" + subject + "'");
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null, "list subjects");
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private JsonNode send(String method, String path, String body, String what) {
        SchemaRegistryException last = null;
        for (URI base : config.urls()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(config.requestTimeout())
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .method(method, body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            authorization.ifPresent(value -> request.header("Authorization", value));
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = new SchemaRegistryException("schema registry " + SchemaRegistryConfig.redact(base)
                        + " unreachable while trying to " + what + ": " + e, 0, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while trying to " + what, 0, e);
            }
            return parse(response, base, what);
        }
        throw last;
    }

    private JsonNode parse(HttpResponse<String> response, URI base, String what) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode().put("message", abbreviate(response.body()));
        }
        if (status / 100 == 2) {
            return json;
        }
        String reason = json.path("message").asText(abbreviate(response.body()));
        String code = json.has("error_code") ? " (error_code " + json.get("error_code").asText() + ")" : "";
        String meaning = switch (status) {
            case 409 -> "schema is incompatible with the subject's compatibility level";
            case 401, 403 -> "not authorized (check basic.auth.* settings)";
            case 404 -> "not found";
            case 422 -> "invalid schema or request";
            default -> "HTTP " + status;
        };
        throw new SchemaRegistryException("schema registry " + SchemaRegistryConfig.redact(base)
                + " refused to " + what + ": " + meaning + ": " + reason + code, status);
    }

    private String describeRegistry() {
        return SchemaRegistryConfig.redact(config.urls().get(0));
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private SSLContext sslContext(String location) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore trustStore = KeyStore.getInstance(config.truststoreType());
            trustStore.load(in, config.truststorePassword().map(String::toCharArray).orElse(null));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load schema registry truststore '" + location + "' ("
                    + config.truststoreType() + "): " + e.getMessage(), e);
        }
    }
}
