package io.packwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.notifier.delivery.DeliveryHealth.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryHealthTest {
    private static final Instant SINCE = Instant.parse("2026-12-03T16:49:29Z");
    private static final AlertmanagerStatus AM1_OK = new AlertmanagerStatus("http://am-1:9093", true, 0, 0, SINCE, null, null);
    private static final AlertmanagerStatus AM2_OK = new AlertmanagerStatus("http://am-2:9093", true, 0, 0, SINCE, null, null);
    private static final AlertmanagerStatus AM2_DOWN = new AlertmanagerStatus("http://am-2:9093", false, 2, 4, SINCE, SINCE,
            "http://am-2:9093 unreachable: ConnectException");
    private static final AlertmanagerStatus AM1_DOWN = new AlertmanagerStatus("http://am-1:9093", false, 2, 3, SINCE, SINCE,
            "http://am-1:9093 answered 503: overloaded");

    private static DeliveryHealth health(Map<String, String> blocking, Optional<String> replay, AlertmanagerStatus... ams) {
        return DeliveryHealth.of(blocking, replay, List.of(ams), 12, SINCE);
    }

    @Test
    void everyAlertmanagerAcceptingIsUp() {
        DeliveryHealth h = health(Map.of(), Optional.empty(), AM1_OK, AM2_OK);
        assertThat(h.status()).isEqualTo(Status.UP);
        assertThat(h.serving()).isTrue();
        assertThat(h.problems()).isEmpty();
    }

    @Test
    void onePeerOfAnHaPairDownIsDegradedNamingThatPeerNotDown() {
        DeliveryHealth h = health(Map.of(), Optional.empty(), AM1_OK, AM2_DOWN);
        assertThat(h.status()).isEqualTo(Status.DEGRADED);
        assertThat(h.serving()).as("200: alerts still reach am-1").isTrue();
        assertThat(h.problems()).containsOnlyKeys("alertmanager http://am-2:9093");
        assertThat(h.problems().get("alertmanager http://am-2:9093"))
                .contains("failing since 2026-12-03T16:49:29Z", "4 attempts", "2 alerts waiting", "ConnectException",
                        "1 other Alertmanager(s) accept");
    }

    @Test
    void noAlertmanagerAcceptingIsDown() {
        DeliveryHealth h = health(Map.of(), Optional.empty(), AM1_DOWN, AM2_DOWN);
        assertThat(h.status()).isEqualTo(Status.DOWN);
        assertThat(h.serving()).isFalse();
        assertThat(h.problems()).containsOnlyKeys("alertmanager http://am-1:9093", "alertmanager http://am-2:9093");
        assertThat(h.problems().values()).noneMatch(p -> p.contains("other Alertmanager"));
        assertThat(health(Map.of(), Optional.empty(), AM2_DOWN).status()).as("a single Alertmanager down").isEqualTo(Status.DOWN);
    }

    @Test
    void anUnreachableRegistryIsDownEvenWithEveryAlertmanagerAccepting() {
        DeliveryHealth h = health(Map.of("registry", "http://registry:8081 unreachable"), Optional.empty(), AM1_OK, AM2_OK);
        assertThat(h.status()).isEqualTo(Status.DOWN);
        assertThat(h.problems()).containsEntry("registry", "http://registry:8081 unreachable");
    }

    @Test
    void aReplayPastItsLimitIsDegraded() {
        DeliveryHealth h = health(Map.of(), Optional.of("replay not caught up"), AM1_OK);
        assertThat(h.status()).isEqualTo(Status.DEGRADED);
        assertThat(h.problems()).containsEntry("replay", "replay not caught up");
    }
}
