package io.packwatch.notifier.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeSettingsTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        return Files.writeString(dir.resolve("bridge.yaml"), yaml);
    }

    @Test
    void secretsComeFromEnvironmentAndFilesAndNeverPrint() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("ding-secret"), "SECding\n");
        BridgeSettings s = BridgeSettings.load(file("""
                chat-bridge:
                  language: en
                  robots:
                    - {name: ops-wecom, type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", key-env: WECOM_KEY}
                    - {name: ops-ding, type: dingtalk, url: "https://oapi.dingtalk.com/robot/send", access-token-env: DING_TOKEN, secret-file: "%s"}
                  routes:
                    - {receiver: packwatch-chat, robots: [ops-wecom, ops-ding], language: zh}
                """.formatted(secretFile)), Map.of("WECOM_KEY", "wk-123", "DING_TOKEN", "dt-456"));
        DingTalkRobot ding = (DingTalkRobot) s.robots().get("ops-ding");
        assertThat(ding.secret().reveal()).isEqualTo("SECding");
        assertThat(s.robots().toString()).doesNotContain("wk-123", "dt-456", "SECding");
        assertThat(s.routes().get("packwatch-chat").language()).isEqualTo(Language.ZH);
    }

    @Test
    void aLiteralSecretIsRefusedWithoutEchoingIt() throws Exception {
        Path f = file("""
                chat-bridge:
                  robots: [{name: r, type: feishu, url: "https://open.feishu.cn/open-apis/bot/v2/hook/", token-env: T, secret: "s3cr3t"}]
                  routes: [{receiver: x, robots: [r]}]
                """);
        assertThatThrownBy(() -> BridgeSettings.load(f, Map.of("T", "t"))).hasMessageContaining("robots[0].secret")
                .hasMessageContaining("secret-env").message().doesNotContain("s3cr3t");
    }

    @Test
    void missingVariablesAndUnknownRobotsAreNamed() throws Exception {
        Path f = file("""
                chat-bridge:
                  robots: [{name: r, type: wecom, url: "https://q/send", key-env: NOT_SET}]
                  routes: [{receiver: x, robots: [r]}]
                """);
        assertThatThrownBy(() -> BridgeSettings.load(f, Map.of())).hasMessageContaining("NOT_SET is not set");
        Path g = file("""
                chat-bridge:
                  robots: [{name: r, type: wecom, url: "https://q/send", key-env: K}]
                  routes: [{receiver: x, robots: [other]}]
                """);
        assertThatThrownBy(() -> BridgeSettings.load(g, Map.of("K", "k"))).hasMessageContaining("unknown robot 'other'");
        Path h = file("""
                chat-bridge:
                  robots: [{name: r, type: wecom, url: "https://q/send?key=abc", key-env: K}]
                  routes: [{receiver: x, robots: [r]}]
                """);
        assertThatThrownBy(() -> BridgeSettings.load(h, Map.of("K", "k"))).hasMessageContaining("must not carry the key");
    }
}
