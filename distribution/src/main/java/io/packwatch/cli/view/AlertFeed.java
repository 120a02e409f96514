package io.packwatch.cli.view;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One line per alert transition, as it fires or resolves. */
final class AlertFeed {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AlertFeed() {
    }

    static String line(PackageAlert alert, Ansi ansi) {
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
        return String.format(Locale.ROOT, "%s UTC %s %s %s", TIME.format(alert.getDetectedAt()), state, severity, message);
    }
}
