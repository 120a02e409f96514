package io.packwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.notifier.AlertmanagerProcess;
import io.packwatch.notifier.Alerts;
import io.packwatch.notifier.NotifierFixture;
import io.packwatch.notifier.WebhookRecorder;
import io.packwatch.notifier.app.NotifyCommand;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.Severity;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier as its own process ({@code NotifyCommand}), killed with SIGKILL while alerts stream in, then started
 * again: every alert reaches Alertmanager, and after Alertmanager's deduplication each package is notified exactly
 * once per transition.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class NotifierKillIT {
    private static final int PACKAGES = 120;

    @TempDir
    Path dir;

    @Test
    void nothingIsLostAcrossASigkillAndDuplicatesNeverReachTheReceiver() throws Exception {
        AlertmanagerProcess.assumeInstalled();
        try (NotifierFixture fx = new NotifierFixture(); WebhookRecorder webhook = new WebhookRecorder();
             AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"),
                     NotifierAlertmanagerIT.alertmanagerConfig(webhook.url()))) {
            Path config = Files.writeString(dir.resolve("notifier.yaml"), """
                    kafka:
                      bootstrap.servers: %s
                      schema.registry.url: %s
                      # a killed member's partitions move within seconds, not after the default 45 s
                      session.timeout.ms: 6000
                      heartbeat.interval.ms: 1000
                    notifier:
                      alertmanager-urls: [%s]
                      topic-prefix: %s
                      group-id: %s
                      resend-interval-seconds: 1
                      firing-ttl-seconds: 60
                      ops-host: 127.0.0.1
                      ops-port: 0
                    """.formatted(TestInfra.kafka().bootstrapServers(), TestInfra.registry().url(), am.url(),
                    fx.prefix, fx.group));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < PACKAGES; i++) {
                ids.add("tfp-kill-" + i);
            }
            for (AlertState state : List.of(AlertState.FIRING, AlertState.RESOLVED)) {
                Process notifier = startNotifier(config);
                try {
                    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    for (int i = 0; i < PACKAGES; i++) {
                        fx.publish(Alerts.usage(ids.get(i), state, Severity.WARNING, t));
                        if (i == PACKAGES / 3) {
                            // Kill once some of this batch reached Alertmanager and the rest has not.
                            await().atMost(Duration.ofSeconds(60)).until(() -> webhook.notifications().size() > 0
                                    || !am.alertsWith("alertname", "USAGE_THRESHOLD").isEmpty());
                            notifier.destroyForcibly().waitFor();
                            notifier = startNotifier(config);
                        }
                    }
                    for (String id : ids) {
                        String expected = state == AlertState.FIRING ? "firing" : "resolved";
                        await().atMost(Duration.ofSeconds(90)).until(() -> webhook.statusesFor("package_id", id).contains(expected));
                    }
                    await().atMost(Duration.ofSeconds(30)).until(fx::committedEqualsEnd);
                    // A few re-send rounds and group intervals later, still exactly once per transition.
                    long before = webhook.notifications().size();
                    Thread.sleep(3_000); // nothing to await: this checks that nothing more arrives
                    assertThat(webhook.notifications().size()).isEqualTo(before);
                } finally {
                    notifier.destroyForcibly().waitFor();
                }
            }
            for (String id : ids) {
                assertThat(webhook.statusesFor("package_id", id)).as(id).containsExactly("firing", "resolved");
            }
            assertThat(am.alertsWith("alertname", "USAGE_THRESHOLD")).isEmpty();
        }
    }

    private Process startNotifier(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NotifyCommand.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("notifier.log").toFile())).start();
    }
}
