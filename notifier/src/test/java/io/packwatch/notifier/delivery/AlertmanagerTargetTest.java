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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Alertmanager's queue against a loopback API v2 endpoint that records every POST and answers what the test
 * sets: collapsing to the latest form per label set, fresh {@code endsAt} for firing alerts only, batches, and the
 * backoff and status while it fails.
 */
class AlertmanagerTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private HttpServer server;
    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/api/v2/alerts", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                posts.add(JSON.readTree(in.readAllBytes()));
            }
            byte[] body = (status == 200 ? "" : "busy").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AlertmanagerTarget target(int maxBatch) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new AlertmanagerTarget(new AlertmanagerClient(url, Duration.ofSeconds(5)), TTL, MAX_BACKOFF, maxBatch,
                meters);
    }

    private static AmAlert alert(String id, String severity, String summary, Instant endsAt) {
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", "USAGE_THRESHOLD", "package_id", id,
                "severity", severity));
        return new AmAlert(new TreeMap<>(labels), new TreeMap<>(Map.of("summary", summary)), T, endsAt, "http://q/" + id);
    }

    private static AlertmanagerTarget.Pending firing(String id, String summary) {
        return new AlertmanagerTarget.Pending(id + "#key", alert(id, "warning", summary, T), true, -1);
    }

    private List<JsonNode> sentAlerts() {
        return posts.stream().flatMap(p -> java.util.stream.StreamSupport.stream(p.spliterator(), false)).toList();
    }

    @Test
    void anAlertChangedWhileQueuedIsSentOnceInItsLatestFormWithAFreshEnd() {
        AlertmanagerTarget target = target(100);
        target.enqueue(firing("a", "first"));
        target.enqueue(firing("b", "other"));
        target.enqueue(firing("a", "second"));
        Instant before = Instant.now();

        assertThat(target.deliver(T)).isTrue();

        assertThat(posts).hasSize(1);
        // the re-enqueued alert moved behind b: the queue keeps the order of the latest changes
        assertThat(sentAlerts()).extracting(a -> a.path("annotations").path("summary").asText())
                .containsExactly("other", "second");
        Instant endsAt = Instant.parse(sentAlerts().get(1).path("endsAt").asText());
        assertThat(endsAt).isBetween(before.plus(TTL), Instant.now().plus(TTL));
        assertThat(target.idle()).isTrue();
        assertThat(meters.get("packwatch.notifier.alerts.accepted").counter().count()).isEqualTo(2);
    }

    /**
     * The delay from the alert record to Alertmanager accepting it is measured for records only, not for re-sends
     * (which have no record): a re-send records nothing, a record two seconds old records about two seconds.
     */
    @Test
    void recordToAcceptedIsTimedForRecordsOnly() {
        AlertmanagerTarget target = target(100);
        var timer = meters.get("packwatch.notifier.record.to.accepted").timer();
        target.enqueue(firing("b", "re-send"));
        assertThat(target.deliver(T)).isTrue();
        assertThat(timer.count()).isZero();

        long recordTimestamp = System.currentTimeMillis() - 2_000;
        target.enqueue(new AlertmanagerTarget.Pending("a#key", alert("a", "warning", "a", T), true, recordTimestamp));
        assertThat(target.deliver(T)).isTrue();

        assertThat(timer.count()).isEqualTo(1);
        // at least the record's age; the upper bound only rules out a sign error (an age of 56 years)
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(2_000d, 86_400_000d);
    }

    @Test
    void aResolvedAlertKeepsItsOwnEnd() {
        AlertmanagerTarget target = target(100);
        Instant resolvedAt = T.plusSeconds(90);
        target.enqueue(new AlertmanagerTarget.Pending("a#key", alert("a", "warning", "done", resolvedAt), false, -1));

        assertThat(target.deliver(T)).isTrue();

        assertThat(sentAlerts()).extracting(a -> a.path("endsAt").asText()).containsExactly(resolvedAt.toString());
    }

    @Test
    void aSeverityChangeIsAnotherAlertAndBothAreSent() {
        AlertmanagerTarget target = target(100);
        target.enqueue(firing("a", "warning"));
        target.enqueue(new AlertmanagerTarget.Pending("a#key", alert("a", "critical", "critical", T), true, -1));

        assertThat(target.deliver(T)).isTrue();

        assertThat(sentAlerts()).extracting(a -> a.path("labels").path("severity").asText())
                .containsExactly("warning", "critical");
    }

    @Test
    void theQueueGoesOutInBatchesOfAtMostMaxBatch() {
        AlertmanagerTarget target = target(2);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            target.enqueue(firing(id, id));
        }

        assertThat(target.deliver(T)).isTrue();

        assertThat(posts).extracting(JsonNode::size).containsExactly(2, 2, 1);
        assertThat(sentAlerts()).extracting(a -> a.path("labels").path("package_id").asText())
                .containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void whileItFailsNothingIsLostAttemptsBackOffAndTheStatusSaysSince() {
        AlertmanagerTarget target = target(100);
        target.enqueue(firing("a", "a"));
        status = 503;

        assertThat(target.deliver(T)).isFalse();
        AlertmanagerStatus down = target.status();
        assertThat(down.reachable()).isFalse();
        assertThat(down.pending()).isEqualTo(1);
        assertThat(down.consecutiveFailures()).isEqualTo(1);
        assertThat(down.failingSince()).isEqualTo(T);
        assertThat(down.lastError()).contains("answered 503: busy");
        assertThat(target.failing()).isTrue();
        assertThat(target.idle()).isFalse();

        // first backoff: 250 ms << 1 = 500 ms, jittered by +-20 %: nothing is tried before 400 ms
        assertThat(target.deliver(T.plusMillis(399))).isFalse();
        assertThat(posts).hasSize(1);
        assertThat(target.deliver(T.plusMillis(600))).isFalse();
        assertThat(posts).hasSize(2);
        assertThat(target.status().consecutiveFailures()).isEqualTo(2);
        assertThat(target.status().failingSince()).isEqualTo(T);
        assertThat(meters.get("packwatch.notifier.posts.failed").counter().count()).isEqualTo(2);

        // what is enqueued while it backs off shows in the status at once
        target.enqueue(firing("c", "c"));
        assertThat(target.deliver(T.plusMillis(601))).isFalse();
        assertThat(target.status().pending()).isEqualTo(2);
        assertThat(posts).hasSize(2);

        status = 200;
        // second backoff: 1 s +-20 %, so 1.2 s after the second attempt it is due
        Instant back = T.plusMillis(600 + 1_200);
        assertThat(target.deliver(back)).isTrue();
        AlertmanagerStatus up = target.status();
        assertThat(up.reachable()).isTrue();
        assertThat(up.pending()).isZero();
        assertThat(up.consecutiveFailures()).isZero();
        assertThat(up.failingSince()).isNull();
        assertThat(up.lastSuccess()).isEqualTo(back);
        assertThat(target.failing()).isFalse();
        // after a success the next failure starts from the shortest backoff again
        target.enqueue(firing("b", "b"));
        status = 500;
        assertThat(target.deliver(back.plusSeconds(1))).isFalse();
        assertThat(target.deliver(back.plusSeconds(1).plusMillis(600))).isFalse();
        assertThat(posts).hasSize(5);
    }

    @Test
    void theBackoffGrowsButNeverBeyondTheMaximum() {
        AlertmanagerTarget target = target(100);
        target.enqueue(firing("a", "a"));
        status = 500;
        Instant lastFailure = T;
        for (int i = 0; i < 8; i++) {
            assertThat(target.deliver(lastFailure)).isFalse();
            assertThat(posts).hasSize(i + 1);
            lastFailure = lastFailure.plus(MAX_BACKOFF);
        }
        lastFailure = lastFailure.minus(MAX_BACKOFF);
        // the eighth failure: 250 ms << 8 = 64 s, capped at 8 s before and after the +-20 % jitter, so the next
        // attempt falls between 6.4 s and 8 s later
        assertThat(target.deliver(lastFailure.plusMillis(6_399))).isFalse();
        assertThat(posts).hasSize(8);
        assertThat(target.deliver(lastFailure.plus(MAX_BACKOFF))).isFalse();
        assertThat(posts).hasSize(9);
    }

    @Test
    void droppedKeysLeaveTheQueue() {
        AlertmanagerTarget target = target(100);
        target.enqueue(firing("a", "a"));
        target.enqueue(firing("b", "b"));

        target.dropKeys(List.of("a#key"));

        assertThat(target.status().pending()).isEqualTo(1);
        assertThat(target.deliver(T)).isTrue();
        assertThat(sentAlerts()).extracting(a -> a.path("labels").path("package_id").asText()).containsExactly("b");
    }

    @Test
    void nothingPendingIsDeliveredWithoutAPost() {
        AlertmanagerTarget target = target(100);
        assertThat(target.status().reachable()).isTrue();
        assertThat(target.status().pending()).isZero();
        assertThat(target.deliver(T)).isTrue();
        assertThat(posts).isEmpty();
        assertThat(target.status().reachable()).isTrue();
        assertThat(target.url()).isEqualTo("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What a dashboard reads: the pending count and whether the last POST worked, per Alertmanager. */
    @Test
    void theGaugesFollowThePendingCountAndReachability() {
        AlertmanagerTarget target = target(100);
        target.enqueue(firing("a", "a"));
        target.enqueue(firing("b", "b"));
        status = 503;
        target.deliver(T);

        assertThat(meters.get("packwatch.notifier.pending").gauge().value()).isEqualTo(2);
        assertThat(meters.get("packwatch.notifier.alertmanager.up").gauge().value()).isZero();

        status = 200;
        target.deliver(T.plus(MAX_BACKOFF));
        assertThat(meters.get("packwatch.notifier.pending").gauge().value()).isZero();
        assertThat(meters.get("packwatch.notifier.alertmanager.up").gauge().value()).isEqualTo(1);
    }

    /**
     * The first backoff is 500 ms jittered over its whole +-20 %, so a fleet of notifiers does not retry in step:
     * about one draw in twelve is due by 415 ms, which a jitter dividing by 0.8-1.2 (416.7 ms at the shortest) never
     * is. Each trial is a fresh queue's first failure; across 180 of them the chance of none is about 3e-7.
     */
    @Test
    void theJitterSpreadsTheFirstBackoffOverItsWholeRange() {
        status = 500;
        int dueEarly = 0;
        for (int i = 0; i < 180; i++) {
            AlertmanagerTarget target = target(100);
            target.enqueue(firing("a", "a"));
            assertThat(target.deliver(T)).isFalse();
            int attempts = posts.size();
            target.deliver(T.plusMillis(415));
            if (posts.size() > attempts) {
                dueEarly++;
            }
        }
        assertThat(dueEarly).isPositive().isLessThan(50);
    }
}
