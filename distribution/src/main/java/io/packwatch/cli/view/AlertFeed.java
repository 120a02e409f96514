package io.packwatch.cli.view;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line per alert transition, as it fires or resolves. The view shows times in the viewer's zone: the line's own
 * time and every instant inside the message (which the alert carries in UTC, "2026-12-03T15:14:26Z").
 */
final class AlertFeed {

    private static final Pattern UTC_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private AlertFeed() {
    }

    static String line(PackageAlert alert, Ansi ansi, ZoneId zone) {
        String state = alert.getState() == AlertState.FIRING ? "FIRING  " : "RESOLVED";
        String severity = String.format(Locale.ROOT, "%-8s", alert.getSeverity());
        if (alert.getState() == AlertState.RESOLVED) {
            state = ansi.green(state);
        } else if (alert.getSeverity() == Severity.CRITICAL) {
            state = ansi.red(state);
            severity = ansi.red(severity);
        } else if (alert.getSeverity() == Severity.WARNING) {
            state = ansi.yellow(state);
            severity = ansi.yellow(severity);
        }
        // The alert's own message may lead with state and severity; the feed shows those as coloured columns.
        String message = alert.getMessage();
        String lead = alert.getState() + " " + alert.getSeverity() + " ";
        if (message.startsWith(lead)) {
            message = message.substring(lead.length());
        }
        String time = DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ROOT).withZone(zone).format(alert.getDetectedAt());
        return String.format(Locale.ROOT, "%s %s %s %s", time, state, severity, inZone(message, zone));
    }

    /** Every UTC instant of the message in {@code zone}: "2026-12-03T15:14:26Z" reads "2026-12-03 23:14:26 CST" in Shanghai. */
    static String inZone(String message, ZoneId zone) {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT).withZone(zone);
        Matcher m = UTC_INSTANT.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(local.format(Instant.parse(m.group()))));
        }
        return m.appendTail(out).toString();
    }
}
