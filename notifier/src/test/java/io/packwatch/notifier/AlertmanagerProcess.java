package io.packwatch.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, installed by {@code .ci/run}) as a child
 * process on a free loopback port, gossip off. Tests call {@link #assumeInstalled()} first: without the binary they
 * are skipped with that reason, never passed.
 *
 * <p>As the test registry does, it runs under a shell holding a pipe from this JVM: when the JVM dies (even SIGKILL),
 * the pipe closes and the shell kills Alertmanager.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    public static final String BINARY = "prometheus-alertmanager";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process shell;

    private AlertmanagerProcess(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** Skips the calling test when the binary is not on the PATH, saying how to get it. */
    public static Path assumeInstalled() {
        Optional<Path> found = locate(BINARY);
        Assumptions.assumeTrue(found.isPresent(), BINARY + " is not on the PATH: install Debian's prometheus-alertmanager "
                + "(apt-get install prometheus-alertmanager; .ci/run does) to run this test");
        return found.get();
    }

    public static Optional<Path> locate(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts Alertmanager with {@code config} (YAML text) on a free port, storage under {@code dir}. */
    public static AlertmanagerProcess start(Path dir, String config) throws IOException, InterruptedException {
        AlertmanagerProcess am = new AlertmanagerProcess(assumeInstalled(), dir, freePort());
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("alertmanager.yml"), config);
        am.launch();
        return am;
    }

    private void launch() throws IOException, InterruptedException {
        String command = String.join(" ", quote(binary.toString()),
                "--config.file=" + quote(dir.resolve("alertmanager.yml").toString()),
                "--storage.path=" + quote(dir.resolve("data").toString()),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn");
        String script = command + " >>" + quote(dir.resolve("alertmanager.log").toString()) + " 2>&1 & child=$!; "
                + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT; "
                + "cat >/dev/null; kill $child 2>/dev/null; wait $child; exit 0";
        shell = new ProcessBuilder("sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!shell.isAlive()) {
                break;
            }
            shell.waitFor(100, TimeUnit.MILLISECONDS);
        }
        String log = Files.exists(dir.resolve("alertmanager.log")) ? Files.readString(dir.resolve("alertmanager.log")) : "";
        stop();
        throw new IllegalStateException("Alertmanager did not become ready on port " + port + "; log:\n" + log);
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
        if (shell == null) {
            return;
        }
        List<ProcessHandle> family = Stream.concat(shell.descendants(), Stream.of(shell.toHandle())).toList();
        try {
            shell.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!shell.waitFor(10, TimeUnit.SECONDS)) {
            family.forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle handle : family) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        shell = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
