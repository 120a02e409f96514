package io.packwatch.notifier.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTextTest {

    static AlertmanagerWebhook.Alert alert(String status, String packageId) {
        return new AlertmanagerWebhook.Alert(status,
                Map.of("alertname", "USAGE_THRESHOLD", "severity", "critical", "package_id", packageId,
                        "package_key", "tencent-vpc/prod/ap-guangzhou/" + packageId),
                Map.of("summary", "crossed 90%, 91.0% used [link](http://evil)", "description", "91.0% used",
                        "runbook_url", "https://wiki/rb"),
                "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z", "http://q/packages/x", "fp");
    }

    static AlertmanagerWebhook hook(List<AlertmanagerWebhook.Alert> alerts) {
        return new AlertmanagerWebhook("4", "chat", "firing", alerts, Map.of(), Map.of("alertname", "USAGE_THRESHOLD"),
                Map.of(), "http://am", "{}:{}", 0);
    }

    @Test
    void firingAndResolvedAreToldApartInBothLanguages() {
        AlertmanagerWebhook h = hook(List.of(alert("firing", "tfp-1"), alert("resolved", "tfp-2")));
        ChatMessage en = MessageText.render(h, Language.EN, 4000);
        assertThat(en.title()).contains("\uD83D\uDD34 [FIRING 1]", "\u2705 [RESOLVED 1]", "USAGE_THRESHOLD");
        assertThat(en.markdown()).contains("**FIRING**", "**RESOLVED**", "tencent-vpc/prod/ap-guangzhou/tfp-1",
                "[Runbook](https://wiki/rb)", "since 2026-12-03T10:00:00Z", "resolved at 2026-12-03T11:00:00Z");
        assertThat(en.markdown()).as("alert text cannot inject links").doesNotContain("[link](http://evil)");
        ChatMessage zh = MessageText.render(h, Language.ZH, 4000);
        assertThat(zh.title()).contains("[告警 1]", "[已恢复 1]");
        assertThat(zh.text()).contains("套餐: tencent-vpc/prod/ap-guangzhou/tfp-2", "处理手册: https://wiki/rb");
    }

    @Test
    void aHugeGroupIsCutToTheRobotsLimitAndSaysHowManyAreLeftOut() {
        List<AlertmanagerWebhook.Alert> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(alert("firing", "tfp-" + i));
        }
        ChatMessage m = MessageText.render(hook(many), Language.EN, 4000);
        assertThat(m.markdown().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4000);
        assertThat(m.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4000);
        assertThat(m.markdown()).containsPattern("\\d+ more alerts not shown").contains("tfp-0");
    }

    static AlertmanagerWebhook.Alert packwatchAlert(String status, String summary) {
        return new AlertmanagerWebhook.Alert(status,
                Map.of("alertname", "DEPLETION_FORECAST", "severity", "critical", "package_id", "100001",
                        "package_key", "tencent-live/tencent-demo/-/100001"),
                Map.of("summary", summary), "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z", "", "fp");
    }

    @Test
    void stateSeverityAndPackageAreSaidOnceEachAndTheMarkStillTellsFiringFromResolved() {
        AlertmanagerWebhook.Alert firing = packwatchAlert("firing", "FIRING CRITICAL DEPLETION_FORECAST "
                + "tencent-live/tencent-demo/-/100001 (live traffic): projected to run out 2026-12-03T12:00:00Z at 5 GB/h");
        AlertmanagerWebhook.Alert resolved = packwatchAlert("resolved", "RESOLVED CRITICAL DEPLETION_FORECAST "
                + "tencent-live/tencent-demo/-/100001 (live traffic): no longer drawn down, 80.0% used");
        for (Language lang : Language.values()) {
            ChatMessage m = MessageText.render(hook(List.of(firing, resolved)), lang, 4000);
            for (String body : List.of(m.markdown(), m.text())) {
                assertThat(body).as(lang + " " + body)
                        .doesNotContain("FIRING CRITICAL", "RESOLVED CRITICAL", "DEPLETION_FORECAST tencent-live")
                        .containsOnlyOnce(body == m.markdown() ? "`critical` projected to run out" : "[critical] projected to run out")
                        .contains("\uD83D\uDD34 " + (body == m.markdown() ? "**" : "") + lang.firing,
                                "\u2705 " + (body == m.markdown() ? "**" : "") + lang.resolved,
                                "tencent-live/tencent-demo/-/100001 (live traffic)");
                assertThat(body.split("tencent-live/tencent-demo/-/100001", -1)).as("the package, once per alert").hasSize(3);
                assertThat(body.split("(?i)critical", -1)).as("the severity, once per alert").hasSize(3);
            }
        }
    }

    @Test
    void aSummaryThatDoesNotNameThisAlertIsShownWhole() {
        AlertmanagerWebhook.Alert other = packwatchAlert("firing",
                "FIRING WARNING DEPLETION_FORECAST tencent-live/tencent-demo/-/100001: runs out soon");
        assertThat(MessageText.render(hook(List.of(other)), Language.EN, 4000).markdown())
                .contains("`critical` FIRING WARNING DEPLETION_FORECAST tencent-live/tencent-demo/-/100001: runs out soon");
    }
}
