package io.packwatch.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierSettingsTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        return Files.writeString(dir.resolve("notifier.yaml"), yaml);
    }

    @Test
    void aKeyWrittenTwiceIsAnError() throws Exception {
        Path f = file("kafka: {bootstrap.servers: k, schema.registry.url: http://r}\nnotifier:\n"
                + "  resend-interval-seconds: 30\n  resend-interval-seconds: 60\n");
        assertThatThrownBy(() -> NotifierSettings.load(f, Map.of()))
                .hasMessageContaining("Duplicate field 'resend-interval-seconds'").hasMessageContaining(f.toString());
    }

    @Test
    void readsTheFileAndTheEnvironment() throws Exception {
        NotifierSettings s = NotifierSettings.load(file("""
                kafka:
                  bootstrap.servers: k:9092
                  schema.registry.url: http://r:8081
                notifier:
                  alertmanager-urls: [http://am-1:9093, http://am-2:9093]
                  resend-interval-seconds: 30
                """), Map.of("PACKWATCH_KAFKA_SASL_JAAS_CONFIG", "secret-jaas"));
        assertThat(s.alertmanagerUrls()).hasSize(2);
        assertThat(s.resendInterval()).hasSeconds(30);
        assertThat(s.firingTtl()).hasSeconds(600);
        assertThat(s.stateTopic()).isEqualTo("packwatch.notifier.firing");
        assertThat(s.kafka()).containsEntry("sasl.jaas.config", "secret-jaas");
    }

    @Test
    void aTtlThatOneLateResendWouldMissIsRefused() throws Exception {
        Path f = file("""
                kafka: {bootstrap.servers: k, schema.registry.url: http://r}
                notifier: {alertmanager-urls: http://am:9093, resend-interval-seconds: 60, firing-ttl-seconds: 120}
                """);
        assertThatThrownBy(() -> NotifierSettings.load(f, Map.of()))
                .hasMessageContaining("firing-ttl-seconds (120) must be at least 3 x");
    }

    @Test
    void errorsNameTheKeyAndHideCredentials() throws Exception {
        Path noUrl = file("kafka: {bootstrap.servers: k, schema.registry.url: http://r}\nnotifier: {}\n");
        assertThatThrownBy(() -> NotifierSettings.load(noUrl, Map.of())).hasMessageContaining("alertmanager-urls");
        Path badUrl = file("kafka: {bootstrap.servers: k, schema.registry.url: http://r}\n"
                + "notifier: {alertmanager-urls: [\"ftp://user:pw@am\"]}\n");
        assertThatThrownBy(() -> NotifierSettings.load(badUrl, Map.of())).hasMessageContaining("ftp://***@am")
                .message().doesNotContain("pw");
        Path noKafka = file("notifier: {alertmanager-urls: [http://am]}\n");
        assertThatThrownBy(() -> NotifierSettings.load(noKafka, Map.of())).hasMessageContaining("kafka.bootstrap.servers");
    }
}
