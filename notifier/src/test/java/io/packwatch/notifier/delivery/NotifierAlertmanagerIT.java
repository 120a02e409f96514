package io.packwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.notifier.AlertmanagerProcess;
import io.packwatch.notifier.Alerts;
import io.packwatch.notifier.NotifierFixture;
import io.packwatch.notifier.WebhookRecorder;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The notifier against the real broker, the real registry and a real Alertmanager process. */
@ExtendWith(KafkaAndRegistryExtension.class)
class NotifierAlertmanagerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private NotifierFixture fx;
    private WebhookRecorder webhook;
    private AlertmanagerProcess am;

    @BeforeEach
    void start() throws Exception {
        AlertmanagerProcess.assumeInstalled();
        fx = new NotifierFixture();
        webhook = new WebhookRecorder();
        am = AlertmanagerProcess.start(dir.resolve("am"), alertmanagerConfig(webhook.url()));
    }

    static String alertmanagerConfig(String webhookUrl) {
        return """
                route:
                  receiver: hook
                  group_by: [alertname, package_key]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(webhookUrl);
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (am != null) {
            am.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    private void startNotifier() throws Exception {
        fx.startNotifier(am.url());
    }

    private void publish(PackageAlert alert) throws Exception {
        fx.publish(alert);
    }

    @Test
    void firingAlertReachesAlertmanagerWithLabelsAndAnnotationsAndResolves() throws Exception {
        startNotifier();
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        publish(Alerts.usage("tfp-1", AlertState.FIRING, Severity.WARNING, opened));

        JsonNode alert = await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-1"),
                list -> list.size() == 1).get(0);
        assertThat(alert.path("labels").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "alertname", "severity", "vendor", "api", "account", "region", "package_id", "package_key", "band");
        JsonNode labels = alert.path("labels");
        assertThat(labels.path("alertname").asText()).isEqualTo("USAGE_THRESHOLD");
        assertThat(labels.path("severity").asText()).isEqualTo("warning");
        assertThat(labels.path("vendor").asText()).isEqualTo("tencent");
        assertThat(labels.path("api").asText()).isEqualTo("tencent-vpc");
        assertThat(labels.path("account").asText()).isEqualTo("prod");
        assertThat(labels.path("region").asText()).isEqualTo("ap-guangzhou");
        assertThat(labels.path("package_key").asText()).isEqualTo("tencent-vpc/prod/ap-guangzhou/tfp-1");
        assertThat(labels.path("band").asText()).isEqualTo("90");
        JsonNode annotations = alert.path("annotations");
        assertThat(annotations.path("summary").asText()).isEqualTo("FIRING crossed 90%, 91.0% used, 9.0 GiB left of 100.0 GiB");
        assertThat(annotations.path("description").asText()).contains("91.0% used", "91.0 GiB of 100.0 GiB",
                "9.0 GiB left", "rate 2.0 GiB/h", "projected to run out at " + opened.plusSeconds(16200));
        assertThat(annotations.path("runbook_url").asText()).isEqualTo("https://runbooks.example/USAGE_THRESHOLD?package=tfp-1");
        assertThat(annotations.path("projected_depletion_at").asText()).isEqualTo(opened.plusSeconds(16200).toString());
        assertThat(annotations.path("expires_at").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(Instant.parse(alert.path("startsAt").asText())).isEqualTo(opened);
        assertThat(Instant.parse(alert.path("endsAt").asText())).isAfter(Instant.now().plusSeconds(20));
        assertThat(alert.path("generatorURL").asText())
                .isEqualTo("http://streams.example:8080/packages/tencent-vpc%2Fprod%2Fap-guangzhou%2Ftfp-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.statusesFor("package_id", "tfp-1").contains("firing"));

        publish(Alerts.usage("tfp-1", AlertState.RESOLVED, Severity.WARNING, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-1").isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.statusesFor("package_id", "tfp-1").contains("resolved"));
        // Resolved stays resolved: the periodic re-send only carries firing alerts.
        assertThat(fx.notifier().delivery().health().firing()).isZero();
    }

    @Test
    void escalationReplacesTheWarningWithTheCriticalAlert() throws Exception {
        startNotifier();
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        publish(Alerts.usage("tfp-2", AlertState.FIRING, Severity.WARNING, opened));
        await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-2").size() == 1);
        publish(Alerts.usage("tfp-2", AlertState.FIRING, Severity.CRITICAL, opened.plusSeconds(30)));

        List<JsonNode> now = await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-2"),
                list -> list.size() == 1 && list.get(0).path("labels").path("severity").asText().equals("critical"));
        assertThat(Instant.parse(now.get(0).path("startsAt").asText())).as("the episode's start").isEqualTo(opened);
    }

    @Test
    void duplicatesAreHarmless() throws Exception {
        startNotifier();
        PackageAlert firing = Alerts.usage("tfp-3", AlertState.FIRING, Severity.WARNING,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        publish(firing);
        publish(firing);
        publish(Alerts.usage("tfp-4", AlertState.FIRING, Severity.WARNING, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.statusesFor("package_id", "tfp-4").contains("firing"));
        // Replays and periodic re-sends go on; several re-send rounds later it is still one alert, notified once.
        long sentBefore = acceptedTotal();
        await().atMost(Duration.ofSeconds(30)).until(() -> acceptedTotal() >= sentBefore + 6);
        assertThat(am.alertsWith("package_id", "tfp-3")).hasSize(1);
        assertThat(webhook.statusesFor("package_id", "tfp-3")).containsExactly("firing");
    }

    @Test
    void firingSetSurvivesANotifierRestartAndAnAlertmanagerRestart() throws Exception {
        startNotifier();
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(120);
        publish(Alerts.usage("tfp-5", AlertState.FIRING, Severity.CRITICAL, opened));
        publish(Alerts.usage("tfp-6", AlertState.FIRING, Severity.WARNING, opened));
        publish(Alerts.usage("tfp-6", AlertState.RESOLVED, Severity.WARNING, opened.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-5").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(this::committedEqualsEnd);

        // Both down: Alertmanager forgets every alert (it keeps none on disk), the notifier its memory.
        fx.stopNotifier();
        am.restart();
        assertThat(am.alertsWith("package_id", "tfp-5")).isEmpty();

        // Nothing is left to consume (offsets were committed): the alert comes back from the state topic.
        startNotifier();
        JsonNode back = await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-5"),
                list -> list.size() == 1).get(0);
        assertThat(Instant.parse(back.path("startsAt").asText())).isEqualTo(opened);
        assertThat(am.alertsWith("package_id", "tfp-6")).as("resolved before the restart").isEmpty();

        // Alertmanager alone restarts: the next periodic re-send brings the alert back.
        am.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-5").size() == 1);
        assertThat(am.alertsWith("package_id", "tfp-6")).isEmpty();
    }

    @Test
    void whileAlertmanagerIsDownNothingIsCommittedAndHealthSaysSo() throws Exception {
        startNotifier();
        publish(Alerts.usage("tfp-7", AlertState.FIRING, Severity.WARNING, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-7").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(this::committedEqualsEnd);
        am.stop();

        publish(Alerts.usage("tfp-8", AlertState.FIRING, Severity.CRITICAL, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        HttpResponse<String> health = await().atMost(Duration.ofSeconds(30)).until(() -> get("/health"),
                r -> r.statusCode() == 503);
        assertThat(health.body()).contains("alertmanager http://127.0.0.1:" + am.port(), "alerts waiting");
        assertThat(get("/metrics").body()).contains(
                "packwatch_notifier_alertmanager_up{alertmanager=\"http://127.0.0.1:" + am.port() + "\"} 0.0");
        assertThat(committedEqualsEnd()).as("the new alert is not committed before Alertmanager took it").isFalse();

        am.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-8").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(this::committedEqualsEnd);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/health").statusCode() == 200);
        // tfp-8 goes in the first batch after the restart; tfp-7 comes back with the next periodic re-send.
        await("tfp-7 re-sent after the restart").atMost(Duration.ofSeconds(30))
                .until(() -> am.alertsWith("package_id", "tfp-7").size() == 1);
    }

    @Test
    void aSilenceSuppressesTheNotification() throws Exception {
        startNotifier();
        String silenceId = am.silenceWithAmtool("package_id", "tfp-9", Instant.now().plus(Duration.ofDays(30)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Alerts.usage("tfp-9", AlertState.FIRING, Severity.CRITICAL, now));
        publish(Alerts.usage("tfp-10", AlertState.FIRING, Severity.CRITICAL, now));

        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.statusesFor("package_id", "tfp-10").contains("firing"));
        JsonNode silenced = await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-9"),
                list -> list.size() == 1).get(0);
        assertThat(silenced.path("status").path("state").asText()).isEqualTo("suppressed");
        assertThat(silenced.path("status").path("silencedBy").get(0).asText()).isEqualTo(silenceId);
        // Both were posted in the same batch and both groups flush with group_wait 0; give a few more group intervals.
        long sentBefore = acceptedTotal();
        await().atMost(Duration.ofSeconds(30)).until(() -> acceptedTotal() >= sentBefore + 6);
        assertThat(webhook.statusesFor("package_id", "tfp-9")).isEmpty();
    }

    @Test
    void everyAlertmanagerOfAnHaPairGetsEveryAlert(@TempDir Path second) throws Exception {
        try (AlertmanagerProcess peer = AlertmanagerProcess.start(second, alertmanagerConfig(webhook.url()))) {
            fx.startNotifier(am.url(), peer.url());
            publish(Alerts.usage("tfp-11", AlertState.FIRING, Severity.WARNING, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-11").size() == 1
                    && peer.alertsWith("package_id", "tfp-11").size() == 1);

            // One peer down: the other still gets new alerts at once; the down one catches up when it is back.
            peer.stop();
            publish(Alerts.usage("tfp-12", AlertState.FIRING, Severity.WARNING, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> am.alertsWith("package_id", "tfp-12").size() == 1);
            assertThat(committedEqualsEnd()).isFalse();
            // Health names the down peer without calling the notifier down: 200, DEGRADED.
            JsonNode degraded = JSON.readTree(await().atMost(Duration.ofSeconds(30)).until(() -> get("/health"),
                    r -> r.body().contains("alertmanager " + peer.url())).body());
            assertThat(get("/health").statusCode()).isEqualTo(200);
            assertThat(degraded.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(degraded.path("problems").fieldNames()).toIterable().containsExactly("alertmanager " + peer.url());

            // Both down: no alert reaches anyone, 503 DOWN.
            am.stop();
            HttpResponse<String> down = await().atMost(Duration.ofSeconds(30)).until(() -> get("/health"),
                    r -> r.statusCode() == 503);
            assertThat(JSON.readTree(down.body()).path("status").asText()).isEqualTo("DOWN");

            am.restart();
            peer.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> peer.alertsWith("package_id", "tfp-12").size() == 1
                    && peer.alertsWith("package_id", "tfp-11").size() == 1 && am.alertsWith("package_id", "tfp-12").size() == 1);
            await().atMost(Duration.ofSeconds(30)).until(this::committedEqualsEnd);
            await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/health").body()).path("status").asText()
                    .equals("UP"));
        }
    }

    private long acceptedTotal() throws Exception {
        return fx.acceptedTotal();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return fx.get(path);
    }

    private boolean committedEqualsEnd() throws Exception {
        return fx.committedEqualsEnd();
    }
}
