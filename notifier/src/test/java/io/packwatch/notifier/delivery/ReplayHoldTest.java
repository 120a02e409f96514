package io.packwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packwatch.notifier.alertmanager.AlertmanagerClient;
import io.packwatch.notifier.alertmanager.AmAlert;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hold after a partition assignment, without Kafka and without timing luck: the end offsets and the consumer's
 * position are given explicitly and the clock is moved by hand. The race it closes: the notifier delivered an alert's
 * RESOLVED and crashed before committing; on restart the state topic still says the alert fires. If the restored FIRING
 * reached Alertmanager before the replayed RESOLVED, Alertmanager would open a second episode (a new notification).
 */
class ReplayHoldTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final TopicPartition TP = new TopicPartition("pw.alerts.depletion", 0);
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MovableClock clock = new MovableClock(T0);
    private HttpServer alertmanager;
    private ReplayGate gate;
    private Outbox outbox;

    @BeforeEach
    void start() throws IOException {
        alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        alertmanager.createContext("/api/v2/alerts", ex -> {
            try (ex; InputStream in = ex.getRequestBody()) {
                JSON.readTree(in.readAllBytes()).forEach(posted::add);
                ex.sendResponseHeaders(200, -1);
            }
        });
        alertmanager.start();
        AlertmanagerClient client = new AlertmanagerClient(URI.create("http://127.0.0.1:" + alertmanager.getAddress().getPort()),
                Duration.ofSeconds(5));
        gate = new ReplayGate(clock, LIMIT, meters);
        outbox = new Outbox(List.of(new AlertmanagerTarget(client, Duration.ofMinutes(10), Duration.ofSeconds(1), 500, meters)),
                gate);
    }

    @AfterEach
    void stop() {
        alertmanager.stop(0);
    }

    @Test
    void aRestoredFiringAlertWaitsForTheReplayedResolvedAndIsNeverSent() {
        FiringAlert restored = firing("tfp-a");
        // Assigned: the state topic says tfp-a fires; the alert topic has records up to offset 5, committed is 3.
        outbox.restore(List.of(restored), Map.of(TP, 5L));

        assertThat(outbox.deliver(clock.instant(), position(3))).as("held while the replay is behind").isFalse();
        assertThat(posted).as("nothing reaches Alertmanager before the replay caught up").isEmpty();

        // The replay reads offsets 3 and 4: tfp-a RESOLVED (what AlertDelivery.apply queues for it).
        clock.advance(Duration.ofSeconds(2));
        outbox.enqueue(new AlertmanagerTarget.Pending(restored.alertKey(), restored.alert().endingAt(T0.plusSeconds(1)),
                false, T0.toEpochMilli()));
        assertThat(outbox.deliver(clock.instant(), position(4))).isFalse();
        assertThat(posted).isEmpty();

        assertThat(outbox.deliver(clock.instant(), position(5))).as("caught up: delivery resumes").isTrue();
        assertThat(posted).as("only the RESOLVED was sent: no second episode").hasSize(1);
        assertThat(Instant.parse(posted.get(0).path("endsAt").asText())).isEqualTo(T0.plusSeconds(1));
        assertThat(gate.problem()).isEmpty();
        assertThat(meters.counter("packwatch.notifier.replay.limit.reached").count()).isZero();
    }

    @Test
    void aRevokedPartitionReleasesTheHold() {
        outbox.restore(List.of(firing("tfp-b")), Map.of(TP, 5L));
        assertThat(outbox.deliver(clock.instant(), position(3))).isFalse();
        outbox.revoke(List.of(TP), List.of("tfp-b#USAGE_THRESHOLD#90"));
        assertThat(outbox.deliver(clock.instant(), tp -> OptionalLong.empty())).isTrue();
        assertThat(posted).as("the revoked partition's alerts went with it").isEmpty();
    }

    @Test
    void pastTheLimitDeliveryResumesAndHealthAndMetricsSaySoUntilTheReplayCaughtUp() {
        outbox.restore(List.of(firing("tfp-c")), Map.of(TP, 5L));
        // A record at offset 3 cannot be read (registry down): the position stays at 3.
        clock.advance(LIMIT);
        assertThat(outbox.deliver(clock.instant(), position(3))).as("still within the limit").isFalse();
        assertThat(posted).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(outbox.deliver(clock.instant(), position(3))).as("past the limit").isTrue();
        assertThat(posted).as("the restored alert goes out rather than waiting for good").hasSize(1);
        assertThat(gate.problem()).hasValueSatisfying(p -> assertThat(p).contains("within 30 s", TP + "=5"));
        assertThat(meters.counter("packwatch.notifier.replay.limit.reached").count()).isEqualTo(1);
        assertThat(meters.get("packwatch.notifier.replay.overdue.partitions").gauge().value()).isEqualTo(1);

        assertThat(outbox.deliver(clock.instant(), position(5))).isTrue();
        assertThat(gate.problem()).as("cleared once the partition caught up").isEmpty();
        assertThat(meters.get("packwatch.notifier.replay.overdue.partitions").gauge().value()).isZero();
    }

    private static java.util.function.Function<TopicPartition, OptionalLong> position(long offset) {
        return tp -> tp.equals(TP) ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    private static FiringAlert firing(String packageId) {
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", "USAGE_THRESHOLD", "severity", "warning",
                "package_id", packageId, "band", "90"));
        AmAlert alert = new AmAlert(new TreeMap<>(labels), new TreeMap<>(Map.of("summary", "crossed 90%")),
                T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofMinutes(10)), "http://streams/packages/" + packageId);
        return new FiringAlert(packageId + "#USAGE_THRESHOLD#90", TP.topic(), TP.partition(), alert);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
