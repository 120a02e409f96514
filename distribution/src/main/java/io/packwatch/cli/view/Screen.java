package io.packwatch.cli.view;

import java.util.ArrayList;
import java.util.List;

/**
 * One frame of the live view laid out for a terminal of {@code rows} x {@code columns}: the title, the package table
 * and the alert feed always fit, so nothing scrolls the title or the header away. Lines are elided to the width (a
 * wrapped line would take two rows); the table and the feed share the rows, the table getting what it needs and the
 * feed at least a third, and what does not fit is counted ("... 12 more packages"). A terminal too small for that
 * gets one line saying so.
 */
final class Screen {

    static final int MIN_COLUMNS = 40;
    static final int MIN_ROWS = 8;
    /** Title, blank, table header, blank, alerts heading. */
    private static final int FIXED_ROWS = 5;

    private Screen() {
    }

    /**
     * @param table header first, then one line per package
     * @param feed  oldest first; the newest are shown
     */
    static List<String> layout(String title, List<String> table, String alertsHeading, List<String> feed,
                               TerminalSize size, Ansi ansi) {
        int columns = size.columns();
        if (columns < MIN_COLUMNS || size.rows() < MIN_ROWS) {
            return List.of(TerminalText.elide("terminal too small for the Packwatch view (" + columns + "x" + size.rows()
                    + ", needs " + MIN_COLUMNS + "x" + MIN_ROWS + ")", columns));
        }
        int available = size.rows() - FIXED_ROWS;
        int packages = table.size() - 1;
        int feedRows = Math.min(feed.size(), Math.max(available - packages, available / 3));
        int tableRows = Math.min(packages, available - feedRows);

        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add("");
        lines.add(table.get(0));
        if (tableRows < packages) {
            lines.addAll(table.subList(1, tableRows));
            int more = packages - (tableRows - 1);
            lines.add(ansi.dim("... " + more + " more package" + (more == 1 ? "" : "s")));
        } else {
            lines.addAll(table.subList(1, 1 + packages));
        }
        lines.add("");
        lines.add(alertsHeading);
        lines.addAll(feed.subList(feed.size() - feedRows, feed.size()));
        return lines.stream().map(line -> TerminalText.elide(line, columns)).toList();
    }
}
