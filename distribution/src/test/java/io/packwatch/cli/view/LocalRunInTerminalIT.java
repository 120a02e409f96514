package io.packwatch.cli.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.cli.PackwatchProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code packwatch local --fresh} as a user runs it in a terminal: on a pseudo-terminal (util-linux {@code script})
 * of 80x24, then resized to 200x100 while it runs. Every frame fits the terminal (no more rows, no wider lines) and
 * shows the title, the table header and the alert feed; the log file the banner names exists (--fresh wiped the data
 * dir before the log was opened, not after) and grows.
 */
class LocalRunInTerminalIT {

    private static final String FRAME_START = "\u001b[H\u001b[2J";
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
    private static final Pattern LOG_LINE = Pattern.compile("logs in (\\S+)");

    @TempDir
    Path work;

    @Test
    void framesFitTheTerminalBeforeAndAfterAResizeAndTheBannersLogGrows() throws Exception {
        Assumptions.assumeTrue(onPath("script") && onPath("stty"),
                "needs util-linux 'script' and coreutils 'stty' for a pseudo-terminal; not found on PATH");
        Path data = work.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("packwatch.log"), "a line from an earlier run\n");
        Files.writeString(data.resolve("left-from-an-earlier-run"), "x");
        Path screen = work.resolve("screen.txt");
        String command = "stty cols 80 rows 24 && exec " + PackwatchProcess.command("local", "--fresh",
                        "--data-dir", data.toString(), "--kafka-port", Integer.toString(PackwatchProcess.freePortPair()), "--http-port", "0")
                .stream().map(LocalRunInTerminalIT::quote).collect(Collectors.joining(" "));
        Process script = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                .redirectOutput(screen.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path log = await().atMost(Duration.ofMinutes(2)).until(() -> logNamedIn(screen), p -> p != null);
            assertThat(log).isEqualTo(data.resolve("packwatch.log"));
            assertThat(log).exists().content().doesNotContain("earlier run");
            assertThat(data.resolve("left-from-an-earlier-run")).doesNotExist();
            long size = Files.size(log);
            await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(log) && Files.size(log) > size);

            // 28 demo packages do not fit in 24 rows: wait for a capped table with alerts below it
            await().atMost(Duration.ofMinutes(3)).until(() -> frames(screen).stream().anyMatch(f ->
                    f.stream().anyMatch(l -> l.matches("\\.\\.\\. \\d+ more packages"))
                            && feedOf(f).size() > 0));
            List<List<String>> small = frames(screen);
            small.forEach(frame -> assertFrame(frame, 80, 24));

            resize(script, 200, 100);
            // the frame being drawn during the resize may still have the old size: judge the ones after it
            int drawnBefore = frames(screen).size() + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> frames(screen).size() > drawnBefore + 1);
            List<List<String>> all = frames(screen);
            List<List<String>> large = all.subList(drawnBefore, all.size());
            assertThat(large.get(0).get(2)).contains("VENDOR", "ACCOUNT", "KIND", "RATE");
            large.forEach(frame -> assertFrame(frame, 200, 100));
            assertThat(large.get(large.size() - 1)).noneMatch(l -> l.contains("more packages"))
                    .anyMatch(l -> l.contains("TOP_SPEED_TRANSCODE"));
            System.out.printf("[terminal] %d frames at 80x24, %d at 200x100; log %s grew from %d bytes to %d%n",
                    small.size(), large.size(), log, size, Files.size(log));
        } finally {
            script.descendants().forEach(ProcessHandle::destroy);
            if (!script.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
            }
        }
    }

    private static void assertFrame(List<String> frame, int columns, int rows) {
        String shown = String.join("\n", frame);
        assertThat(frame).as(shown).hasSizeLessThanOrEqualTo(rows);
        assertThat(frame).as(shown).allSatisfy(l -> assertThat(TerminalText.width(l)).isLessThanOrEqualTo(columns));
        assertThat(frame.get(0)).as(shown).startsWith("Packwatch local  Ctrl-C to stop");
        assertThat(frame.get(2)).as(shown).contains("PACKAGE", "USAGE", "DEPLETES", "EXPIRES", "STATUS");
        assertThat(frame).as(shown).anyMatch(l -> l.startsWith("Alerts ("));
        int alerts = Integer.parseInt(frame.stream().filter(l -> l.startsWith("Alerts (")).findFirst().orElseThrow()
                .replaceAll("\\D", ""));
        if (alerts > 0) {
            assertThat(feedOf(frame)).as(shown).isNotEmpty();
        }
    }

    private static List<String> feedOf(List<String> frame) {
        for (int i = 0; i < frame.size(); i++) {
            if (frame.get(i).startsWith("Alerts (")) {
                return frame.subList(i + 1, frame.size());
            }
        }
        return List.of();
    }

    /** The complete frames drawn so far (the last one may still be being written), colours removed. */
    private static List<List<String>> frames(Path screen) throws IOException {
        String[] parts = Files.readString(screen, StandardCharsets.UTF_8).split(Pattern.quote(FRAME_START), -1);
        List<List<String>> frames = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            String text = ANSI.matcher(parts[i].replace("\r", "")).replaceAll("");
            frames.add(Arrays.asList(text.split("\n", -1)));
        }
        return frames;
    }

    private static Path logNamedIn(Path screen) throws IOException {
        Matcher m = LOG_LINE.matcher(Files.readString(screen, StandardCharsets.UTF_8));
        return m.find() ? Path.of(m.group(1)) : null;
    }

    /** Resizes the pseudo-terminal the run is on, as a terminal window does; the kernel sends it SIGWINCH. */
    private static void resize(Process script, int columns, int rows) throws Exception {
        ProcessHandle java = script.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow();
        Path tty = Files.readSymbolicLink(Path.of("/proc", Long.toString(java.pid()), "fd", "0"));
        Process stty = new ProcessBuilder("stty", "-F", tty.toString(), "cols", Integer.toString(columns),
                "rows", Integer.toString(rows)).inheritIO().start();
        assertThat(stty.waitFor()).isZero();
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
