package io.packwatch.notifier.alertmanager;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code prometheus-alertmanager} as a child process on loopback: gossip off, config, storage and log under
 * one directory. It runs under a shell that holds a pipe from this JVM, so when the JVM dies (even on SIGKILL) the pipe
 * closes and the shell stops Alertmanager: a crashed {@code ./packwatch local} or test run leaves no orphan behind.
 */
public final class AlertmanagerChild implements AutoCloseable {
    public static final String BINARY = "prometheus-alertmanager";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process shell;
    private final int port;

    private AlertmanagerChild(Process shell, int port) {
        this.shell = shell;
        this.port = port;
    }

    /** The executable {@code name} on {@code pathEnv} (a PATH value), if any. */
    public static Optional<Path> locate(String name, String pathEnv) {
        for (String dir : (pathEnv == null ? "" : pathEnv).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** Alertmanager's binary on {@code pathEnv}, if any. */
    public static Optional<Path> locate(String pathEnv) {
        return locate(BINARY, pathEnv);
    }

    /**
     * Writes {@code config} to {@code dir/alertmanager.yml} and starts {@code binary} on 127.0.0.1:{@code port}
     * (0 = a free one), returning once {@code /-/ready} answers 200. Keeps no alerts across a restart (Alertmanager holds
     * them in memory); silences and the notification log persist in {@code dir/data}.
     */
    public static AlertmanagerChild start(Path binary, Path dir, String config, int port) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        Path configFile = dir.resolve("alertmanager.yml");
        Files.writeString(configFile, config);
        int listenPort = port == 0 ? freePort() : port;
        Path log = dir.resolve("alertmanager.log");
        String command = String.join(" ", quote(binary.toString()), "--config.file=" + quote(configFile.toString()),
                "--storage.path=" + quote(dir.resolve("data").toString()), "--web.listen-address=127.0.0.1:" + listenPort,
                "--cluster.listen-address=", "--log.level=warn");
        String script = command + " >>" + quote(log.toString()) + " 2>&1 & child=$!; "
                + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT; "
                + "cat >/dev/null; kill $child 2>/dev/null; wait $child; exit 0";
        Process shell = new ProcessBuilder("sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AlertmanagerChild am = new AlertmanagerChild(shell, listenPort);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && shell.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(am.url() + "/-/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return am;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            shell.waitFor(100, TimeUnit.MILLISECONDS);
        }
        am.close();
        String tail = Files.exists(log) ? Files.readString(log) : "";
        throw new IOException("Alertmanager did not become ready on port " + listenPort + "; " + log + ":\n"
                + tail.substring(Math.max(0, tail.length() - 4000)));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops Alertmanager and waits until it and its shell are gone, so the port can be taken again. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> family = Stream.concat(shell.descendants(), Stream.of(shell.toHandle())).toList();
        try {
            shell.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the shell has exited
        }
        if (!shell.waitFor(10, TimeUnit.SECONDS)) {
            family.forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle handle : family) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
