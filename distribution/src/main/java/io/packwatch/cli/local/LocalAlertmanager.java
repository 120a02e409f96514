package io.packwatch.cli.local;

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
 * Debian's {@code prometheus-alertmanager} as a child process of {@code ./packwatch local}: loopback, a free port,
 * gossip off, storage and log under its data dir. Like the local registry it runs under a shell holding a pipe from
 * this JVM, so it dies with us even on SIGKILL.
 */
final class LocalAlertmanager implements AutoCloseable {
    static final String BINARY = "prometheus-alertmanager";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process shell;
    private final int port;

    private LocalAlertmanager(Process shell, int port) {
        this.shell = shell;
        this.port = port;
    }

    /** The binary on {@code pathEnv} (a PATH value), if any. */
    static Optional<Path> locate(String pathEnv) {
        for (String dir : (pathEnv == null ? "" : pathEnv).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, BINARY))) {
                return Optional.of(Path.of(dir, BINARY));
            }
        }
        return Optional.empty();
    }

    static LocalAlertmanager start(Path binary, Path dir, String config) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        Path configFile = dir.resolve("alertmanager.yml");
        Files.writeString(configFile, config);
        int port = freePort();
        Path log = dir.resolve("alertmanager.log");
        String command = String.join(" ", quote(binary.toString()), "--config.file=" + quote(configFile.toString()),
                "--storage.path=" + quote(dir.resolve("data").toString()), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn");
        String script = command + " >>" + quote(log.toString()) + " 2>&1 & child=$!; "
                + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT; "
                + "cat >/dev/null; kill $child 2>/dev/null; wait $child; exit 0";
        Process shell = new ProcessBuilder("sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        LocalAlertmanager am = new LocalAlertmanager(shell, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
        throw new IOException("Alertmanager did not become ready on port " + port + "; see " + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

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
        family.forEach(ProcessHandle::destroyForcibly);
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
