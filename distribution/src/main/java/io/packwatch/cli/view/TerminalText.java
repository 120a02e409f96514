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
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60) || isWideEmoji(cp);
        return wide ? 2 : 1;
    }

    /**
     * Emoji that terminals draw two columns wide (East Asian Width "W" in Unicode's EastAsianWidth.txt), e.g. the
     * 🔴 and ✅ of the chat bridge's delivery lines. Java 17 has no emoji property (Character.isEmojiPresentation is
     * Java 21), so the blocks are listed: the supplementary pictographs, and the few BMP symbols with emoji
     * presentation that the alert texts could carry.
     */
    private static boolean isWideEmoji(int cp) {
        return (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F680 && cp <= 0x1F6FF) || (cp >= 0x1F7E0 && cp <= 0x1F7EB)
                || (cp >= 0x1F90C && cp <= 0x1F9FF) || (cp >= 0x1FA70 && cp <= 0x1FAFF)
                || cp == 0x231A || cp == 0x231B || (cp >= 0x23E9 && cp <= 0x23EC) || cp == 0x23F0 || cp == 0x23F3
                || cp == 0x2614 || cp == 0x2615 || cp == 0x26A1 || cp == 0x26D4
                || cp == 0x2705 || cp == 0x270A || cp == 0x270B || cp == 0x2728 || cp == 0x274C || cp == 0x274E
                || (cp >= 0x2753 && cp <= 0x2755) || cp == 0x2757 || (cp >= 0x2795 && cp <= 0x2797) || cp == 0x2B50
                || cp == 0x2B55;
    }
}
