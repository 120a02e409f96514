package io.packwatch.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Apicurio Registry 2.6 (Confluent-compatible API at /apis/ccompat/v7) as a child process on a free loopback
 * port, in-memory storage, global compatibility BACKWARD.
 *
 * <p>The child must never outlive its parent, also when the parent JVM is killed with SIGKILL and no shutdown hook
 * runs. So the registry is started under a small shell that holds a pipe from the parent on its stdin: when the pipe
 * closes (parent closed it, or parent died), the shell kills the registry.
 *
 * <p>Nor may its work dir outlive the parent. Two layers, because neither alone covers every death: the same shell
 * removes the work dir once the registry has exited (so a SIGKILLed parent leaves nothing behind within seconds), and
 * the work dir is an {@link OwnedTempDirs owned temp dir}, so that should the shell die too (the whole process tree
 * SIGKILLed, say) the next start in any JVM removes it.
 */
public final class ApicurioRegistry implements RegistryEndpoint, AutoCloseable {

    public static final String DIR_PROPERTY = "packwatch.apicurio.dir";
    public static final String DIR_ENV = "PACKWATCH_APICURIO_DIR";
    static final String WORK_DIR_PREFIX = "packwatch-apicurio-";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process shell;
    private final int port;
    private final Path workDir;
    private final Path log;

    private ApicurioRegistry(Process shell, int port, Path workDir, Path log) {
        this.shell = shell;
        this.port = port;
        this.workDir = workDir;
        this.log = log;
    }

    /** Starts the registry found under {@code -Dpackwatch.apicurio.dir} (or env PACKWATCH_APICURIO_DIR). */
    public static ApicurioRegistry start() throws IOException, InterruptedException {
        return start(locateRunnerJar(), freePort());
    }

    /** A registry of its own on {@code port} (a test that starts its app before its registry). */
    public static ApicurioRegistry start(int port) throws IOException, InterruptedException {
        return start(locateRunnerJar(), port);
    }

    public static ApicurioRegistry start(Path runnerJar, int port) throws IOException, InterruptedException {
        Path workDir = OwnedTempDirs.create(WORK_DIR_PREFIX);
        Path log = workDir.resolve("apicurio.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String registry = String.join(" ",
                quote(java), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + quote(workDir.toString()),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=WARN",
                "-jar", quote(runnerJar.toString()));
        // stdin is the parent's pipe: `cat` returns when it closes, then the registry is killed and, once it has
        // exited, its work dir removed (close() removes it too; whoever comes second finds nothing to do).
        String removeWorkDir = "rm -rf " + quote(workDir.toString());
        String script = registry + " >" + quote(log.toString()) + " 2>&1 & child=$!; "
                + "trap 'kill $child 2>/dev/null; wait $child; " + removeWorkDir + "; exit 0' TERM INT; "
                + "cat >/dev/null; kill $child 2>/dev/null; wait $child; " + removeWorkDir + "; exit 0";
        Process shell;
        try {
            shell = new ProcessBuilder("sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            OwnedTempDirs.deleteQuietly(workDir);
            throw e;
        }
        ApicurioRegistry apicurio = new ApicurioRegistry(shell, port, workDir, log);
        try {
            apicurio.awaitReady();
            apicurio.setGlobalCompatibility("BACKWARD");
        } catch (IOException | InterruptedException | RuntimeException e) {
            apicurio.close();
            throw e;
        }
        return apicurio;
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    /** The registry's temp work dir (its java.io.tmpdir and its log), removed when the registry is gone. */
    public Path workDir() {
        return workDir;
    }

    /** Process ids of the shell and the registry JVM, so tests can prove nothing is left behind. */
    public List<Long> pids() {
        return Stream.concat(Stream.of(shell.toHandle()), shell.descendants()).map(ProcessHandle::pid).toList();
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + port + "/health/ready");
        Instant launchedAt = Instant.now();
        Instant deadline = launchedAt.plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            boolean pastLaunch = Instant.now().isAfter(launchedAt.plusSeconds(3));
            if (!shell.isAlive() || pastLaunch && registryJvm().isEmpty()) {
                throw new IllegalStateException("Apicurio registry exited during start-up; log tail:\n" + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            shell.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Apicurio registry not ready on port " + port + " within " + READY_TIMEOUT
                + "; log tail:\n" + logTail());
    }

    private Optional<ProcessHandle> registryJvm() {
        return shell.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    private void setGlobalCompatibility(String level) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("cannot set Apicurio global compatibility to " + level + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> family = Stream.concat(shell.descendants(), Stream.of(shell.toHandle())).toList();
        try {
            shell.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe is gone already: the shell is gone or going
        }
        try {
            if (!shell.waitFor(20, TimeUnit.SECONDS)) {
                family.forEach(ProcessHandle::destroyForcibly);
            }
            for (ProcessHandle handle : family) {
                handle.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            family.forEach(ProcessHandle::destroyForcibly);
        }
        OwnedTempDirs.deleteQuietly(workDir); // usually the shell has removed it already
    }

    static Path locateRunnerJar() throws IOException {
        String dir = Optional.ofNullable(System.getProperty(DIR_PROPERTY)).orElse(System.getenv(DIR_ENV));
        if (dir == null) {
            throw new IllegalStateException("Apicurio distribution not configured: set -D" + DIR_PROPERTY
                    + " or " + DIR_ENV + " (the build unpacks it to test-support/target/apicurio)");
        }
        Path root = Path.of(dir);
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("Apicurio distribution directory " + root
                    + " does not exist; build the test-support module first (./mvnw -pl test-support install)");
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar under " + root));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
