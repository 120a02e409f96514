package io.packwatch.cli.view;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The size of the terminal the view draws on, read again for every frame so that a resize (SIGWINCH) shows on the
 * next frame. Java has no call for it; {@code stty size} on the controlling terminal answers in a few milliseconds,
 * which is what JLine's exec provider does too, without JLine taking over the terminal for one number a second.
 * Without a readable terminal the {@code COLUMNS}/{@code LINES} environment variables, else 80x24.
 */
record TerminalSize(int columns, int rows) {

    static final TerminalSize FALLBACK = new TerminalSize(80, 24);
    private static final File TTY = new File("/dev/tty");

    static TerminalSize current() {
        TerminalSize size = fromStty();
        return size != null ? size : fromEnvironment(System.getenv());
    }

    static TerminalSize fromEnvironment(Map<String, String> env) {
        try {
            return new TerminalSize(Integer.parseInt(env.getOrDefault("COLUMNS", "").trim()),
                    Integer.parseInt(env.getOrDefault("LINES", "").trim()));
        } catch (NumberFormatException notSet) {
            return FALLBACK;
        }
    }

    /** {@code "rows columns"} as {@code stty size} prints it, null when there is no terminal or it answers nothing usable. */
    static TerminalSize parseStty(String output) {
        String[] parts = output.trim().split("\\s+");
        try {
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0]);
                int columns = Integer.parseInt(parts[1]);
                return rows > 0 && columns > 0 ? new TerminalSize(columns, rows) : null;
            }
        } catch (NumberFormatException garbled) {
            // null below
        }
        return null;
    }

    private static TerminalSize fromStty() {
        if (!TTY.canRead()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!stty.waitFor(2, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return null;
            }
            return stty.exitValue() == 0 ? parseStty(output) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
