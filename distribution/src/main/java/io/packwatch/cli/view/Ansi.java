package io.packwatch.cli.view;

/** ANSI colours, or none when the output is not a terminal (or NO_COLOR is set). */
record Ansi(boolean enabled) {

    static final String RESET = "\u001b[0m";

    String red(String s) {
        return wrap("\u001b[31m", s);
    }

    String yellow(String s) {
        return wrap("\u001b[33m", s);
    }

    String green(String s) {
        return wrap("\u001b[32m", s);
    }

    String cyan(String s) {
        return wrap("\u001b[36m", s);
    }

    String bold(String s) {
        return wrap("\u001b[1m", s);
    }

    String dim(String s) {
        return wrap("\u001b[2m", s);
    }

    /** Moves the cursor home and clears the screen, so the table is redrawn in place. */
    String home() {
        return enabled ? "\u001b[H\u001b[2J" : "";
    }

    private String wrap(String code, String s) {
        return enabled ? code + s + RESET : s;
    }
}
