package io.packwatch.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST calls of the hand-written Confluent client against a loopback HTTP server that records every request and
 * answers from a script: paths, methods, headers and bodies as the Confluent API wants them, and the registry's
 * refusals turned into messages that name the call, the meaning of the status and the registry's own reason.
 */
class HttpSchemaRegistryClientTest {
    private static final Schema SCHEMA = SchemaBuilder.record("Ping").namespace("io.packwatch.test")
            .fields().requiredLong("at").endRecord();

    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    record Answer(int status, String body) {
    }

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
        Answer answer;
        synchronized (answers) {
            answer = answers.isEmpty() ? new Answer(500, "{\"message\":\"no scripted answer\"}") : answers.poll();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void answer(int status, String body) {
        synchronized (answers) {
            answers.add(new Answer(status, body));
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private HttpSchemaRegistryClient client(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.putIfAbsent("schema.registry.url", url());
        return new HttpSchemaRegistryClient(SchemaRegistryConfig.from(config));
    }

    private HttpSchemaRegistryClient client() {
        return client(Map.of());
    }

    @Test
    void registerPostsTheSchemaUnderTheEncodedSubjectWithConfluentHeaders() {
        answer(200, "{\"id\":42}");
        int id = client(Map.of("basic.auth.user.info", "alice:s3cret")).register("pkg snapshots/value", SCHEMA);

        assertThat(id).isEqualTo(42);
        assertThat(requests).hasSize(1);
        Request r = requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/subjects/pkg%20snapshots%2Fvalue/versions");
        assertThat(r.headers())
                .containsEntry("content-type", "application/vnd.schemaregistry.v1+json")
                .containsEntry("accept", "application/vnd.schemaregistry.v1+json, application/json")
                .containsEntry("authorization", "Basic "
                        + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(new Schema.Parser().parse(Envelope.schemaOf(r.body()))).isEqualTo(SCHEMA);
    }

    @Test
    void withoutUserInfoNoAuthorizationHeaderIsSent() {
        answer(200, "[]");
        client().subjects();
        assertThat(requests.get(0).headers()).doesNotContainKey("authorization");
    }

    @Test
    void aConcurrentRegistrationAnswered409IsResolvedByLookingTheSchemaUp() {
        answer(409, "{\"error_code\":409,\"message\":\"conflict\"}");
        answer(200, "{\"id\":7,\"version\":1}");

        assertThat(client().register("s", SCHEMA)).isEqualTo(7);
        assertThat(requests).extracting(Request::method, Request::path)
                .containsExactly(tuple("POST", "/subjects/s/versions"),
                        tuple("POST", "/subjects/s"));
    }

    @Test
    void aTrulyIncompatibleSchemaKeepsThe409() {
        answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
        answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");

        assertThatThrownBy(() -> client().register("s", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.isNotFound()).isFalse();
                })
                .hasMessageContaining("register schema io.packwatch.test.Ping under subject 's'")
                .hasMessageContaining("schema is incompatible with the subject's compatibility level")
                .hasMessageContaining("Schema being registered is incompatible (error_code 409)");
        assertThat(requests).hasSize(2);
    }

    @Test
    void otherRefusalsOfARegistrationAreNotRetriedAsALookup() {
        answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

        assertThatThrownBy(() -> client().register("s", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(422))
                .hasMessageContaining("invalid schema or request: Invalid schema (error_code 42201)");
        assertThat(requests).hasSize(1);
    }

    @Test
    void idOfPostsToTheSubject() {
        answer(200, "{\"subject\":\"s\",\"id\":9,\"version\":3}");
        assertThat(client().idOf("s", SCHEMA)).isEqualTo(9);
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(0).path()).isEqualTo("/subjects/s");
    }

    @Test
    void schemaByIdGetsWithoutBodyAndParsesTheSchema() {
        answer(200, "{\"schema\":" + Envelope.quote(SCHEMA.toString()) + "}");

        assertThat(client().schemaById(12)).isEqualTo(SCHEMA);
        Request r = requests.get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/schemas/ids/12");
        assertThat(r.body()).isEmpty();
        assertThat(r.headers()).doesNotContainKey("content-type");
    }

    @Test
    void aSchemaThatIsNotAvroNamesTheIdAndTheRegistry() {
        answer(200, "{\"schema\":\"{\\\"type\\\":\\\"nonsense\\\"}\"}");
        assertThatThrownBy(() -> client(Map.of("schema.registry.url", "http://bob:hunter2@127.0.0.1:"
                + server.getAddress().getPort(), "basic.auth.credentials.source", "URL")).schemaById(3))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema id 3 from http://***@127.0.0.1:")
                .hasMessageContaining("is not a valid Avro schema")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void setCompatibilityPutsTheLevel() {
        answer(200, "{\"compatibility\":\"BACKWARD\"}");
        client().setCompatibility("s", "BACKWARD");
        Request r = requests.get(0);
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.path()).isEqualTo("/config/s");
        assertThat(r.body()).isEqualTo("{\"compatibility\":\"BACKWARD\"}");
    }

    @Test
    void subjectsListsTheRegistrysSubjects() {
        answer(200, "[\"a-value\",\"b-value\"]");
        assertThat(client().subjects()).containsExactly("a-value", "b-value");
        assertThat(requests.get(0).path()).isEqualTo("/subjects");
    }

    @Test
    void statusesAreExplainedAndTheReasonIsTheRegistrysOwn() {
        answer(401, "{\"message\":\"Unauthorized\"}");
        answer(403, "");
        answer(404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
        answer(503, "<html>" + "x".repeat(400) + "</html>");
        answer(502, "y".repeat(300));
        HttpSchemaRegistryClient client = client();

        assertThatThrownBy(client::subjects).hasMessageContaining("refused to list subjects: not authorized (check "
                + "basic.auth.* settings): Unauthorized").hasMessageNotContaining("error_code");
        assertThatThrownBy(client::subjects).hasMessageEndingWith("not authorized (check basic.auth.* settings): ");
        assertThatThrownBy(() -> client.schemaById(5))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("refused to fetch schema id 5: not found: Subject not found (error_code 40401)");
        assertThatThrownBy(client::subjects)
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(503))
                .hasMessageContaining(": HTTP 503: <html>" + "x".repeat(294) + "...")
                .hasMessageNotContaining("</html>");
        assertThatThrownBy(client::subjects).hasMessageEndingWith("HTTP 502: " + "y".repeat(300));
    }

    @Test
    void anUnreachableFirstUrlFallsOverToTheNext() {
        answer(200, "[\"a-value\"]");
        var client = client(Map.of("schema.registry.url", "http://127.0.0.1:1," + url(),
                "http.connect.timeout.ms", "1000"));
        assertThat(client.subjects()).containsExactly("a-value");
        assertThat(requests).hasSize(1);
    }

    @Test
    void whenEveryUrlIsUnreachableTheLastOneIsNamedWithoutCredentials() {
        server.stop(0);
        var client = client(Map.of("schema.registry.url", "http://127.0.0.1:1,http://eve:pw123@127.0.0.1:"
                + server.getAddress().getPort(), "http.connect.timeout.ms", "1000"));
        assertThatThrownBy(client::subjects)
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isZero())
                .hasMessageContaining("schema registry http://***@127.0.0.1:" + server.getAddress().getPort()
                        + " unreachable while trying to list subjects")
                .hasMessageNotContaining("pw123");
    }

    @Test
    void anInterruptedCallerGetsAnErrorAndKeepsItsInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(client()::subjects).isInstanceOf(SchemaRegistryException.class)
                    .hasMessage("interrupted while trying to list subjects");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aTruststoreIsLoadedWithItsTypeAndPasswordAndABadOneIsNamed(@TempDir Path dir) throws Exception {
        Path truststore = dir.resolve("trust.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (var out = Files.newOutputStream(truststore)) {
            empty.store(out, "changeit".toCharArray());
        }
        Map<String, String> tls = Map.of("schema.registry.url", url(),
                "schema.registry.ssl.truststore.location", truststore.toString(),
                "schema.registry.ssl.truststore.password", "changeit",
                "schema.registry.ssl.truststore.type", "PKCS12");
        answer(200, "[]");
        assertThat(client(tls).subjects()).isEmpty();

        Map<String, String> wrongPassword = new HashMap<>(tls);
        wrongPassword.put("schema.registry.ssl.truststore.password", "wrong");
        assertThatThrownBy(() -> client(wrongPassword)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load schema registry truststore '" + truststore + "' (PKCS12)")
                .hasMessageNotContaining("wrong");
        Map<String, String> missing = new HashMap<>(tls);
        missing.put("schema.registry.ssl.truststore.location", dir.resolve("absent.p12").toString());
        assertThatThrownBy(() -> client(missing)).hasMessageContaining("absent.p12");
    }

    /** The JSON bits of the tests, through Jackson as the client reads them. */
    private static final class Envelope {
        private static final ObjectMapper JSON = new ObjectMapper();

        static String schemaOf(String body) {
            try {
                return JSON.readTree(body).path("schema").asText();
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }

        static String quote(String text) {
            return JSON.getNodeFactory().textNode(text).toString();
        }
    }
}
