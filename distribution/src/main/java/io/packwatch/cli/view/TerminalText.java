package io.packwatch.cli.view;

/**
 * Widths of text as a terminal shows it: ANSI colour sequences take no column, East Asian wide characters (package
 * names can be Chinese) take two. Used to pad cells and to elide lines to the terminal width so nothing wraps.
 */
final class TerminalText {

    static final String ELLIPSIS = "~";

    private TerminalText() {
    }

    /** Columns {@code s} occupies on a terminal. */
    static int width(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int skip = escapeLength(s, i);
            if (skip > 0) {
                i += skip;
                continue;
            }
            int cp = s.codePointAt(i);
            width += columns(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    /** {@code s} cut to at most {@code max} columns, the cut marked with {@value #ELLIPSIS}; colours are kept closed. */
    static String elide(String s, int max) {
        if (width(s) <= max) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        boolean coloured = false;
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int skip = escapeLength(s, i);
            if (skip > 0) {
                out.append(s, i, i + skip);
                coloured = !s.startsWith(Ansi.RESET, i);
                i += skip;
                continue;
            }
            int cp = s.codePointAt(i);
            if (used + columns(cp) > max - ELLIPSIS.length()) {
                break;
            }
            out.appendCodePoint(cp);
            used += columns(cp);
            i += Character.charCount(cp);
        }
        out.append(ELLIPSIS);
        return coloured ? out + Ansi.RESET : out.toString();
    }

    /** {@code s} elided or padded with spaces to exactly {@code width} columns. */
    static String fit(String s, int width) {
        String cut = elide(s, width);
        return cut + " ".repeat(Math.max(0, width - width(cut)));
    }

    /** Length of the ANSI CSI sequence (ESC [ ... letter) starting at {@code i}, 0 when there is none. */
    private static int escapeLength(String s, int i) {
        if (s.charAt(i) != '\u001b' || i + 1 >= s.length() || s.charAt(i + 1) != '[') {
            return 0;
        }
        int j = i + 2;
        while (j < s.length() && !Character.isLetter(s.charAt(j))) {
            j++;
        }
        return Math.min(j + 1, s.length()) - i;
    }

    private static int columns(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60);
        return wide ? 2 : 1;
    }
}
