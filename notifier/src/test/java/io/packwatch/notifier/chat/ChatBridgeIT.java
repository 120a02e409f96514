package io.packwatch.notifier.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.notifier.AlertmanagerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Alertmanager sends its webhooks to the bridge, which forwards them to strict loopback robot stubs. */
class ChatBridgeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private RobotStubs stubs;
    private ChatBridge bridge;
    private AlertmanagerProcess am;

    @BeforeEach
    void start() throws Exception {
        AlertmanagerProcess.assumeInstalled();
        stubs = new RobotStubs();
        Map<String, Robot> robots = Map.of(
                "ops-wecom", new WeComRobot("ops-wecom", URI.create(stubs.base() + "/cgi-bin/webhook/send"),
                        Secret.of(RobotStubs.WECOM_KEY), WeComRobot.defaultLimits()),
                "ops-ding", new DingTalkRobot("ops-ding", URI.create(stubs.base() + "/robot/send"),
                        Secret.of(RobotStubs.DING_TOKEN), Secret.of(RobotStubs.DING_SECRET), DingTalkRobot.defaultLimits()),
                "ops-feishu", new FeishuRobot("ops-feishu", URI.create(stubs.base() + "/open-apis/bot/v2/hook/"),
                        Secret.of(RobotStubs.FEISHU_TOKEN), Secret.of(RobotStubs.FEISHU_SECRET), FeishuRobot.defaultLimits()));
        bridge = ChatBridge.start(new BridgeSettings("127.0.0.1", 0, Duration.ofSeconds(20), robots, Map.of(
                "packwatch-chat", new BridgeSettings.Route("packwatch-chat", List.of("ops-wecom", "ops-ding", "ops-feishu"), Language.EN),
                "packwatch-chat-zh", new BridgeSettings.Route("packwatch-chat-zh", List.of("ops-wecom"), Language.ZH))));
        am = AlertmanagerProcess.start(dir.resolve("am"), """
                route:
                  receiver: packwatch-chat
                  group_by: [package_key]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                  routes:
                    - matchers: ['account="cn-team"']
                      receiver: packwatch-chat-zh
                receivers:
                  - name: packwatch-chat
                    webhook_configs: [{url: "http://127.0.0.1:%1$d/alertmanager", send_resolved: true}]
                  - name: packwatch-chat-zh
                    webhook_configs: [{url: "http://127.0.0.1:%1$d/alertmanager", send_resolved: true}]
                """.formatted(bridge.port()));
    }

    @AfterEach
    void stop() throws Exception {
        if (am != null) {
            am.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (stubs != null) {
            stubs.close();
        }
    }

    @Test
    void aBurstReachesEveryRobotSignedWithinItsRateLimitAndNothingIsLost() throws Exception {
        // 30 packages, one Alertmanager group each: 30 webhook calls within a second, against 20 messages/min.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add("tfp-burst-" + i);
        }
        postAlerts(ids, "prod", null);
        for (RobotStubs.Stub stub : List.of(stubs.wecom, stubs.dingtalk, stubs.feishu)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stub.all()).contains(ids));
            assertThat(stub.overLimit).as("never over the robot's rate limit").hasValue(0);
            assertThat(stub.badSignature).hasValue(0);
        }
        assertThat(stubs.wecom.accepted.size()).as("queued notifications merged").isLessThan(30);
        assertThat(stubs.wecom.all()).contains("**FIRING**").doesNotContain("**RESOLVED**");

        postAlerts(ids, "prod", Instant.now());
        for (RobotStubs.Stub stub : List.of(stubs.wecom, stubs.dingtalk, stubs.feishu)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(resolvedLines(stub)).containsAll(ids));
            assertThat(stub.overLimit).hasValue(0);
        }
    }

    @Test
    void rateLimitAnswersAndServerErrorsAreRetriedAndNothingIsLost() throws Exception {
        stubs.wecom.failNext.set(1);
        stubs.wecom.rejectNext.set(2);
        stubs.dingtalk.rejectNext.set(2);
        stubs.feishu.rejectNext.set(2);
        postAlerts(List.of("tfp-rl-1", "tfp-rl-2"), "prod", null);
        for (RobotStubs.Stub stub : List.of(stubs.wecom, stubs.dingtalk, stubs.feishu)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stub.all()).contains("tfp-rl-1", "tfp-rl-2"));
            assertThat(stub.injectedRejections).hasValue(2);
        }
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("packwatch_chatbridge_retries_total{robot=\"ops-feishu\"} 2.0",
                "packwatch_chatbridge_retries_total{robot=\"ops-wecom\"} 3.0")
                .doesNotContain(RobotStubs.WECOM_KEY, RobotStubs.DING_SECRET, RobotStubs.FEISHU_SECRET);
    }

    @Test
    void eachReceiverHasItsRouteAndLanguage() throws Exception {
        postAlerts(List.of("tfp-zh-1"), "cn-team", null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stubs.wecom.all()).contains("tfp-zh-1", "告警"));
        assertThat(stubs.dingtalk.all()).doesNotContain("tfp-zh-1");
    }

    @Test
    void aRobotThatRefusesForGoodMakesTheWebhookFailSoAlertmanagerRetries() throws Exception {
        ChatBridge wrongKey = ChatBridge.start(new BridgeSettings("127.0.0.1", 0, Duration.ofSeconds(5),
                Map.of("bad", new WeComRobot("bad", URI.create(stubs.base() + "/cgi-bin/webhook/send"),
                        Secret.of("not-the-key"), WeComRobot.defaultLimits())),
                Map.of("r", new BridgeSettings.Route("r", List.of("bad"), Language.EN))));
        try {
            String body = """
                    {"version":"4","receiver":"r","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"X"},
                    "annotations":{},"startsAt":"2026-12-03T10:00:00Z","endsAt":"0001-01-01T00:00:00Z"}],
                    "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"","groupKey":"k","truncatedAlerts":0}""";
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wrongKey.port() + "/alertmanager"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("bad", "errcode 93000").doesNotContain("not-the-key");
            HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wrongKey.port() + "/alertmanager"))
                    .POST(HttpRequest.BodyPublishers.ofString(body.replace("\"receiver\":\"r\"", "\"receiver\":\"nope\""))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);
            HttpResponse<String> garbage = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wrongKey.port() + "/alertmanager"))
                    .POST(HttpRequest.BodyPublishers.ofString("[[[[")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(garbage.statusCode()).isEqualTo(400);
        } finally {
            wrongKey.close();
        }
    }

    private static List<String> resolvedLines(RobotStubs.Stub stub) {
        List<String> ids = new ArrayList<>();
        for (String message : stub.accepted) {
            String[] blocks = message.split("\n\n");
            for (String block : blocks) {
                if (block.contains("RESOLVED") && block.contains("tfp-burst-")) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("tfp-burst-\\d+").matcher(block);
                    while (m.find()) {
                        ids.add(m.group());
                    }
                }
            }
        }
        return ids;
    }

    private void postAlerts(List<String> ids, String account, Instant endsAt) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (String id : ids) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("""
                    {"labels":{"alertname":"USAGE_THRESHOLD","severity":"critical","account":"%s","package_id":"%s",
                    "package_key":"tencent-vpc/%s/ap-guangzhou/%s"},
                    "annotations":{"summary":"crossed 90%%","description":"91.0%% used"},
                    "startsAt":"%s"%s}""".formatted(account, id, account, id, Instant.now().minusSeconds(60),
                    endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\""));
        }
        json.append(']');
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(am.url() + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
