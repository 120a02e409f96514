package io.packwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.packwatch.notifier.AlertmanagerProcess;
import io.packwatch.notifier.Alerts;
import io.packwatch.notifier.NotifierFixture;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.Severity;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Alert record → notifier → real Alertmanager's email receiver → SMTP (GreenMail), read back. */
@ExtendWith(KafkaAndRegistryExtension.class)
class EmailEndToEndIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    @Test
    void firingAndResolvedMailsReachTheMailbox() throws Exception {
        AlertmanagerProcess.assumeInstalled();
        String config = """
                global:
                  smtp_smarthost: 127.0.0.1:%d
                  smtp_from: packwatch@example.com
                  smtp_require_tls: false
                route:
                  receiver: oncall-mail
                  group_by: [package_key]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: oncall-mail
                    email_configs:
                      - to: oncall@example.com
                        send_resolved: true
                """.formatted(SMTP.getSmtp().getPort());
        try (NotifierFixture fx = new NotifierFixture();
             AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"), config)) {
            fx.startNotifier(am.url());
            fx.publish(Alerts.usage("tfp-mail-1", AlertState.FIRING, Severity.CRITICAL, Instant.now().truncatedTo(ChronoUnit.MILLIS)));

            MimeMessage firing = await().atMost(Duration.ofSeconds(30)).until(() -> mailWithSubject("[FIRING:1]"), m -> m != null);
            assertThat(firing.getAllRecipients()).extracting(Object::toString).containsExactly("oncall@example.com");
            assertThat(firing.getSubject()).contains("USAGE_THRESHOLD", "tfp-mail-1");
            assertThat(text(firing)).contains("tencent-vpc/prod/ap-guangzhou/tfp-mail-1",
                    "FIRING crossed 90%, 91.0% used, 9.0 GiB left of 100.0 GiB", "https://runbooks.example/USAGE_THRESHOLD?package=tfp-mail-1");

            fx.publish(Alerts.usage("tfp-mail-1", AlertState.RESOLVED, Severity.CRITICAL, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            MimeMessage resolved = await().atMost(Duration.ofSeconds(30)).until(() -> mailWithSubject("[RESOLVED]"), m -> m != null);
            assertThat(resolved.getSubject()).contains("tfp-mail-1");
        }
    }

    private static MimeMessage mailWithSubject(String start) throws Exception {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().startsWith(start);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).findFirst().orElse(null);
    }

    /** The decoded text of every text part (Alertmanager sends HTML, quoted-printable). */
    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof String s) {
                    out.append(s);
                }
            }
            return out.toString();
        }
        return content.toString();
    }
}
