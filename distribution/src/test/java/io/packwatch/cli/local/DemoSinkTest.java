package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.notifier.chat.AlertmanagerWebhook;
import io.packwatch.notifier.chat.Language;
import io.packwatch.notifier.chat.MessageText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live view's line for a delivery to #ops-demo, from the chat bridge's own message text. */
class DemoSinkTest {
    private static final String RED = "\uD83D\uDD34";
    private static final String GREEN = "\u2705";

    private static AlertmanagerWebhook.Alert alert(String status, String state) {
        return new AlertmanagerWebhook.Alert(status,
                Map.of("alertname", "DEPLETION_FORECAST", "severity", "critical", "package_id", "100001",
                        "package_key", "tencent-live/tencent-demo/-/100001"),
                Map.of("summary", state + " CRITICAL DEPLETION_FORECAST tencent-live/tencent-demo/-/100001: runs out soon"),
                "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z", "", "fp");
    }

    private static String feedLine(List<AlertmanagerWebhook.Alert> alerts) {
        AlertmanagerWebhook hook = new AlertmanagerWebhook("4", "ops-demo", "firing", alerts, Map.of(),
                Map.of("alertname", "DEPLETION_FORECAST"), Map.of(), "http://am", "{}:{}", 0);
        return DemoSink.line(MessageText.render(hook, Language.EN, 4000).markdown());
    }

    @Test
    void aGroupOfOneStateSaysItsStateAndSeverityOnce() {
        assertThat(feedLine(List.of(alert("firing", "FIRING"))))
                .isEqualTo("delivered to #ops-demo: " + RED + " [FIRING 1] DEPLETION_FORECAST · critical runs out soon");
        assertThat(feedLine(List.of(alert("resolved", "RESOLVED"))))
                .isEqualTo("delivered to #ops-demo: " + GREEN + " [RESOLVED 1] DEPLETION_FORECAST · critical runs out soon");
    }

    @Test
    void aMixedGroupKeepsTheFirstAlertsOwnStateMark() {
        assertThat(feedLine(List.of(alert("resolved", "RESOLVED"), alert("firing", "FIRING"))))
                .isEqualTo("delivered to #ops-demo: " + RED + " [FIRING 1] " + GREEN + " [RESOLVED 1] DEPLETION_FORECAST · "
                        + GREEN + " RESOLVED critical runs out soon");
    }
}
