package io.packwatch.notifier.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders one Alertmanager notification (a group) as one chat message. FIRING and RESOLVED are told apart at a glance
 * (a red or green mark and the word in the title and on every line); the summary, the package and the runbook link
 * come from the Packwatch labels and annotations. The text is cut to the robot's size limit, saying how many alerts
 * were left out, so a huge group never makes a message the robot refuses.
 */
public final class MessageText {
    private static final String RED = "\uD83D\uDD34";
    private static final String GREEN = "\u2705";

    private MessageText() {
    }

    public static ChatMessage render(AlertmanagerWebhook hook, Language lang, int maxBytes) {
        long firing = hook.alerts().stream().filter(AlertmanagerWebhook.Alert::firing).count();
        long resolved = hook.alerts().size() - firing;
        String name = hook.commonLabels().getOrDefault("alertname", hook.groupLabels().getOrDefault("alertname", "Packwatch"));
        StringBuilder title = new StringBuilder();
        if (firing > 0) {
            title.append(RED).append(" [").append(lang.firing).append(' ').append(firing).append("] ");
        }
        if (resolved > 0) {
            title.append(GREEN).append(" [").append(lang.resolved).append(' ').append(resolved).append("] ");
        }
        title.append(name);
        String header = "### " + title.toString().strip();
        StringBuilder md = new StringBuilder(header);
        StringBuilder text = new StringBuilder(title.toString().strip());
        List<AlertmanagerWebhook.Alert> alerts = hook.alerts();
        int shown = 0;
        for (AlertmanagerWebhook.Alert alert : alerts) {
            String mdLine = "\n\n" + markdownLine(alert, lang);
            String textLine = "\n\n" + textLine(alert, lang);
            int reserve = 120; // room for the "N more" line
            if (bytes(md) + bytes(mdLine) + reserve > maxBytes || bytes(text) + bytes(textLine) + reserve > maxBytes) {
                break;
            }
            md.append(mdLine);
            text.append(textLine);
            shown++;
        }
        int notShown = alerts.size() - shown + hook.truncatedAlerts();
        if (notShown > 0) {
            md.append("\n\n> ").append(notShown).append(' ').append(lang.notShown);
            text.append("\n\n").append(notShown).append(' ').append(lang.notShown);
        }
        return new ChatMessage(title.toString().strip(), md.toString(), text.toString(), alerts.size());
    }

    private static String markdownLine(AlertmanagerWebhook.Alert a, Language lang) {
        StringBuilder s = new StringBuilder();
        Summary summary = Summary.of(a);
        s.append(a.firing() ? RED + " **" + lang.firing + "**" : GREEN + " **" + lang.resolved + "**");
        s.append(" `").append(a.labels().getOrDefault("severity", "-")).append("` ");
        s.append(escape(summary.reason()));
        s.append("\n> ").append(lang.packageWord).append(": ").append(escape(summary.packageText()));
        s.append("\n> ").append(a.firing() ? lang.since + " " + a.startsAt() : lang.resolvedAt + " " + a.endsAt());
        String description = a.annotations().get("description");
        if (description != null && a.firing()) {
            s.append("\n> ").append(escape(description));
        }
        String runbook = a.annotations().get("runbook_url");
        if (runbook != null && !runbook.isBlank()) {
            s.append("\n> [").append(lang.runbook).append("](").append(runbook).append(')');
        }
        if (a.generatorURL() != null && !a.generatorURL().isBlank()) {
            s.append(runbook != null ? " · " : "\n> ").append('[').append(lang.details).append("](").append(a.generatorURL()).append(')');
        }
        return s.toString();
    }

    private static String textLine(AlertmanagerWebhook.Alert a, Language lang) {
        StringBuilder s = new StringBuilder();
        Summary summary = Summary.of(a);
        s.append(a.firing() ? RED + " " + lang.firing : GREEN + " " + lang.resolved);
        s.append(" [").append(a.labels().getOrDefault("severity", "-")).append("] ");
        s.append(summary.reason());
        s.append("\n").append(lang.packageWord).append(": ").append(summary.packageText());
        s.append("\n").append(a.firing() ? lang.since + " " + a.startsAt() : lang.resolvedAt + " " + a.endsAt());
        String runbook = a.annotations().get("runbook_url");
        if (runbook != null && !runbook.isBlank()) {
            s.append("\n").append(lang.runbook).append(": ").append(runbook);
        }
        return s.toString();
    }

    /**
     * What an alert line says after its state mark and severity, and the package it names. Packwatch's summaries (the
     * alert message) start with {@code STATE SEVERITY TYPE [band%] package_key [(name)]: } so that they read on their
     * own (in an email, on the topic); in a chat line the mark, the severity label, the group title and the package
     * line say all of that already, so only the reason after the colon is kept, and the package name moves to the
     * package line. A summary of another shape is shown whole.
     */
    record Summary(String reason, String packageText) {
        private static final Pattern HEAD = Pattern.compile(
                "(?s)(?:FIRING|RESOLVED) (\\S+) (\\S+)(?: \\d+(?:\\.\\d+)?%)? (\\S+)(?: \\((.*?)\\))?: (.*)");

        static Summary of(AlertmanagerWebhook.Alert a) {
            String packageKey = a.labels().getOrDefault("package_key", a.labels().getOrDefault("package_id", "-"));
            String summary = a.annotations().getOrDefault("summary", a.labels().getOrDefault("alertname", ""));
            Matcher m = HEAD.matcher(summary);
            if (m.matches() && m.group(1).equalsIgnoreCase(a.labels().getOrDefault("severity", ""))
                    && m.group(2).equals(a.labels().get("alertname")) && m.group(3).equals(packageKey)) {
                return new Summary(m.group(5), m.group(4) == null ? packageKey : packageKey + " (" + m.group(4) + ")");
            }
            return new Summary(summary, packageKey);
        }
    }

    /**
     * Vendor-supplied text (package names) must not open links, code spans or emphasis. The robots' markdown subsets
     * have no reliable backslash escape, so those characters are replaced by look-alikes.
     */
    private static String escape(String s) {
        return s.replace('[', '(').replace(']', ')').replace('`', '\'').replace('*', '\u2217');
    }

    static int bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
