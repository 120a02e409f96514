package io.packwatch.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.notifier.alertmanager.AlertmanagerChild;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, installed by {@code .ci/run}) as a child
 * process ({@link AlertmanagerChild}) on a free loopback port, gossip off, plus what the tests ask of its API. Tests call
 * {@link #assumeInstalled()} first: without the binary they are skipped with that reason, never passed.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    public static final String BINARY = AlertmanagerChild.BINARY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path binary;
    private final Path dir;
    private final String config;
    private AlertmanagerChild child;
    private int port;

    private AlertmanagerProcess(Path binary, Path dir, String config) {
        this.binary = binary;
        this.dir = dir;
        this.config = config;
    }

    /** Skips the calling test when the binary is not on the PATH, saying how to get it. */
    public static Path assumeInstalled() {
        Optional<Path> found = locate(BINARY);
        Assumptions.assumeTrue(found.isPresent(), BINARY + " is not on the PATH: install Debian's prometheus-alertmanager "
                + "(apt-get install prometheus-alertmanager; .ci/run does) to run this test");
        return found.get();
    }

    public static Optional<Path> locate(String name) {
        return AlertmanagerChild.locate(name, System.getenv("PATH"));
    }

    /** Starts Alertmanager with {@code config} (YAML text) on a free port, storage under {@code dir}. */
    public static AlertmanagerProcess start(Path dir, String config) throws IOException, InterruptedException {
        AlertmanagerProcess am = new AlertmanagerProcess(assumeInstalled(), dir, config);
        am.launch();
        return am;
    }

    private void launch() throws IOException, InterruptedException {
        child = AlertmanagerChild.start(binary, dir, config, port);
        port = child.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops and starts it again on the same port and storage: alerts are gone (Alertmanager keeps them in memory). */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** {@code GET /api/v2/alerts}: the active, silenced and inhibited alerts (not resolved ones). */
    public JsonNode alerts() throws IOException, InterruptedException {
        return get("/api/v2/alerts");
    }

    /** The alerts whose label {@code name} is {@code value}. */
    public List<JsonNode> alertsWith(String name, String value) throws IOException, InterruptedException {
        return Stream.of(alerts()).flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
                .filter(a -> value.equals(a.path("labels").path(name).asText(null))).toList();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Silences alerts with label {@code name=value} until {@code end} the way docs/notifications.md tells on-call to:
     * {@code amtool silence add NAME=VALUE --end=... --comment=...} (amtool ships with Alertmanager). Returns its id.
     */
    public String silenceWithAmtool(String name, String value, java.time.Instant end) throws IOException, InterruptedException {
        Path amtool = locate("amtool").orElseThrow(() -> new IllegalStateException("amtool is not on the PATH"));
        Process process = new ProcessBuilder(amtool.toString(), "silence", "add", name + "=" + value,
                "--end=" + end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "--comment=renewal ordered",
                "--author=packwatch-test", "--alertmanager.url=" + url(), "--no-version-check")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("amtool silence add failed: " + output);
        }
        return output;
    }

    public void stop() throws InterruptedException {
        if (child != null) {
            child.close();
            child = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
