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
}
