package io.packwatch.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code packwatch} jar (what {@code ./packwatch} runs, built by the package phase before the integration
 * tests) started as its own process, as a user starts it.
 */
public final class PackwatchProcess {

    public static final Path JAR = Path.of("target", "packwatch.jar").toAbsolutePath();

    /** What a finished run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private PackwatchProcess() {
    }

    /** {@code java ... -jar packwatch.jar <args>} as the launcher script runs it. */
    public static List<String> command(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests through Maven (verify), "
                    + "which packages the jar first");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED",
                "-Dpackwatch.apicurio.dir=" + System.getProperty("packwatch.apicurio.dir"), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs to its end (at most {@code timeoutSeconds}, else it is killed and the test fails); output via files, so neither pipe can fill up. */
    public static Result run(Path workDir, long timeoutSeconds, String... args) throws Exception {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = new ProcessBuilder(command(args)).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("packwatch " + String.join(" ", args) + " still running after " + timeoutSeconds
                        + " s; stderr: " + Files.readString(err));
            }
        } finally {
            process.destroyForcibly();
            process.getOutputStream().close();
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A free port whose successor is free too (the embedded controller listens on the next port). */
    public static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }
}
