package io.packwatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.core.registry.SchemaRegistryException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Start-up waits for an unavailable registry with bounded backoff, and only for outages. */
class RegistryStartupTest {

    @Test
    void anOutageIsRetriedUntilTheRegistryAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RegistryStartup startup = RegistryStartup.from(Map.of(RegistryStartup.MAX_WAIT, "PT1M"));
        String answer = startup.await("list subjects", () -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new SchemaRegistryException("unreachable", 0);
            }
            if (n == 2) {
                throw new SchemaRegistryException("HTTP 503", 503);
            }
            return "ok";
        });
        assertThat(answer).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aRefusalAboutTheRequestIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        RegistryStartup startup = RegistryStartup.from(Map.of());
        assertThatThrownBy(() -> startup.await("register", () -> {
            calls.incrementAndGet();
            throw new SchemaRegistryException("invalid schema", 422);
        })).isInstanceOf(SchemaRegistryException.class).hasMessage("invalid schema");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRegistryThatNeverComesGivesUpAfterTheMaximumWaitNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> serde = Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort);
        RegistryStartup startup = RegistryStartup.from(Map.of(RegistryStartup.MAX_WAIT, "PT1.2S",
                RegistryStartup.MAX_BACKOFF, "PT0.5S"));
        assertThatThrownBy(() -> startup.await("list subjects", SchemaRegistryClients.fromConfig(serde)::subjects))
                .isInstanceOf(RegistryStartup.Unavailable.class)
                .hasMessageContaining("not available within PT1.2S")
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(Integer.parseInt(e.getMessage().replaceAll("(?s).*\\((\\d+) attempts.*", "$1")))
                        .as("attempts").isGreaterThan(1));
    }

    @Test
    void settingsAreDurationsAndPositive() {
        assertThat(RegistryStartup.from(Map.of()).maxWait()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> RegistryStartup.from(Map.of(RegistryStartup.MAX_WAIT, "5 minutes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(RegistryStartup.MAX_WAIT);
        assertThatThrownBy(() -> RegistryStartup.from(Map.of(RegistryStartup.MAX_BACKOFF, "PT0S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
