package io.packwatch.notifier.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One robot's outbox against a loopback robot that records each message body and answers with the statuses the test
 * queues (200 when none): what waits behind the rate limit goes out merged, up to the robot's size, and the answers
 * decide between done, retry and refused.
 */
class RobotSenderTest {
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Long> receivedAtNanos = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private RobotSender sender;
    /** An answer that drops the connection instead of answering: the client sees an I/O error. */
    private static final int DROP = 0;

    /** A robot that posts the markdown as the body and reads only the HTTP status. */
    private record LoopbackRobot(URI url, int maxBytes, List<RateLimit> limits) implements Robot {
        @Override
        public String name() {
            return "ops";
        }

        @Override
        public HttpRequest request(ChatMessage message, Instant now) {
            return HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(message.title() + "|"
                    + message.markdown() + "|" + message.alerts(), StandardCharsets.UTF_8)).build();
        }

        @Override
        public Outcome classify(int status, String body) {
            return switch (status) {
                case 200 -> new Outcome(Outcome.Kind.DELIVERED, "ok");
                case 429 -> new Outcome(Outcome.Kind.RATE_LIMITED, "HTTP 429");
                case 503 -> new Outcome(Outcome.Kind.RETRY, "HTTP 503");
                default -> new Outcome(Outcome.Kind.FAILED, "HTTP " + status);
            };
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/send", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                receivedAtNanos.add(System.nanoTime());
            }
            Integer status = answers.poll();
            if (status != null && status == DROP) {
                throw new IOException("the test robot drops the connection");
            }
            ex.sendResponseHeaders(status == null ? 200 : status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        server.stop(0);
    }

    private RobotSender sender(int maxBytes, Robot.RateLimit... limits) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/send");
        sender = new RobotSender(new LoopbackRobot(url, maxBytes, List.of(limits)), http, Clock.systemUTC(), meters);
        return sender;
    }

    /** The thread the sender started (threads of earlier tests' senders may still be ending under the same name). */
    private Thread senderThread(java.util.Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("packwatch-robot-ops") && !before.contains(t)).findFirst().orElseThrow();
    }

    private static Robot.RateLimit onePer(Duration window) {
        return new Robot.RateLimit(1, window);
    }

    private static ChatMessage message(String name, int bytes) {
        return new ChatMessage(name, name + "x".repeat(bytes - name.length()), name, 1);
    }

    private static void await(RobotSender.Queued q) throws Exception {
        q.done.get(20, TimeUnit.SECONDS);
    }

    @Test
    void whatQueuesBehindTheRateLimitGoesOutAsOneMessageInOrder() throws Exception {
        RobotSender s = sender(4000, onePer(Duration.ofSeconds(1)));
        long submittedAt = System.nanoTime();
        await(s.submit(message("m1", 10)));
        RobotSender.Queued m2 = s.submit(message("m2", 10));
        RobotSender.Queued m3 = s.submit(message("m3", 10));
        RobotSender.Queued m4 = s.submit(message("m4", 10));
        await(m2);
        await(m3);
        await(m4);

        assertThat(received).containsExactly("m1|m1xxxxxxxx|1",
                "m2 (+2)|m2xxxxxxxx\n\n---\n\nm3xxxxxxxx\n\n---\n\nm4xxxxxxxx|3");
        assertThat(meters.get("packwatch.chatbridge.messages.sent").counter().count()).isEqualTo(2);
        assertThat(s.problem()).isNull();
        // the second send waited for the window: it left at least 1 s after the first one, which left after it was
        // submitted (a lower bound whatever the first request's latency; 10 ms for the millisecond clock of the window)
        assertThat(Duration.ofNanos(receivedAtNanos.get(1) - submittedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    /**
     * Each message counts its larger text plus 16 bytes of separator: two of 116 fill 232 exactly, a third of 66 does
     * not fit any more; one larger than the robot's size still goes, alone.
     */
    @Test
    void aMergedMessageStaysWithinTheRobotsSize() throws Exception {
        RobotSender s = sender(232, onePer(Duration.ofMillis(300)));
        await(s.submit(message("m1", 100)));
        RobotSender.Queued m2 = s.submit(message("m2", 100));
        RobotSender.Queued m3 = s.submit(message("m3", 100));
        RobotSender.Queued m4 = s.submit(message("m4", 50));
        RobotSender.Queued m5 = s.submit(message("m5", 400));
        for (RobotSender.Queued q : List.of(m2, m3, m4, m5)) {
            await(q);
        }

        assertThat(received).extracting(body -> body.substring(0, body.indexOf('|')))
                .containsExactly("m1", "m2 (+1)", "m4", "m5");
    }

    @Test
    void aServerErrorIsRetriedAndTheMessageDeliveredOnce() throws Exception {
        RobotSender s = sender(4000, new Robot.RateLimit(20, Duration.ofMinutes(1)));
        answers.add(503);
        await(s.submit(message("m1", 10)));

        assertThat(received).containsExactly("m1|m1xxxxxxxx|1", "m1|m1xxxxxxxx|1");
        assertThat(meters.get("packwatch.chatbridge.retries").counter().count()).isEqualTo(1);
        assertThat(meters.get("packwatch.chatbridge.messages.sent").counter().count()).isEqualTo(1);
        assertThat(s.problem()).isNull();
    }

    /** While it retries, the problem is shown; once delivered, it is gone. */
    @Test
    void aRobotThatFailsIsAProblemUntilItAcceptsAgain() throws Exception {
        RobotSender s = sender(4000, new Robot.RateLimit(20, Duration.ofMinutes(1)));
        for (int i = 0; i < 1_000; i++) {
            answers.add(503);
        }
        RobotSender.Queued q = s.submit(message("m1", 10));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> s.problem() != null && s.problem().endsWith(": HTTP 503"));
        assertThat(q.done).isNotDone();
        answers.clear();
        await(q);
        assertThat(s.problem()).isNull();
    }

    /** A dropped connection is retried like a 5xx; the problem names only the error's type, never the robot's URL. */
    @Test
    void aDroppedConnectionIsRetriedAndTheProblemKeepsTheUrlOut() throws Exception {
        RobotSender s = sender(4000, new Robot.RateLimit(20, Duration.ofMinutes(1)));
        for (int i = 0; i < 1_000; i++) {
            answers.add(DROP);
        }
        RobotSender.Queued q = s.submit(message("m1", 10));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> s.problem() != null);
        assertThat(s.problem()).contains(": I/O error ").doesNotContain("127.0.0.1").doesNotContain("/send");
        assertThat(q.done).isNotDone();
        answers.clear();
        await(q);
        assertThat(s.problem()).isNull();
        assertThat(received).last().isEqualTo("m1|m1xxxxxxxx|1");
        assertThat(meters.get("packwatch.chatbridge.retries").counter().count()).isPositive();
    }

    /**
     * The robot's thread never keeps the JVM alive, and close() ends it at once, also in the middle of a back-off
     * (4 s after a second rate-limit answer) rather than when the back-off is over.
     */
    @Test
    void closeEndsTheDaemonThreadWithoutWaitingOutABackOff() {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        RobotSender s = sender(4000, new Robot.RateLimit(20, Duration.ofMinutes(1)));
        Thread thread = senderThread(before);
        assertThat(thread.isDaemon()).isTrue();
        answers.add(429);
        answers.add(429);
        s.submit(message("m1", 10));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);

        s.close();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> !thread.isAlive());
        assertThat(received).hasSize(2);
    }

    /**
     * How long one message takes to be delivered when the robot first gives {@code failures}: a lower bound only (the
     * back-off must have been waited; a slow machine only adds to it).
     */
    private Duration untilDeliveredAfter(Integer... failures) throws Exception {
        RobotSender s = sender(4000, new Robot.RateLimit(20, Duration.ofMinutes(1)));
        answers.addAll(List.of(failures));
        long start = System.nanoTime();
        await(s.submit(message("m1", 10)));
        assertThat(received).hasSize(failures.length + 1);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Server errors back off 0.5 s, then 1 s: two of them before the delivery take at least 1.5 s. */
    @Test
    void theBackOffDoublesWithEachFailure() throws Exception {
        assertThat(untilDeliveredAfter(503, 503)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    /** The first back-off after a rate-limit answer is 2 s (after a server error, 0.5 s). */
    @Test
    void aRateLimitAnswerWaitsLongerThanAServerError() throws Exception {
        assertThat(untilDeliveredAfter(429)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRefusedMessageFailsItsCallerAndTheProblemIsShown() {
        RobotSender s = sender(4000, new Robot.RateLimit(20, Duration.ofMinutes(1)));
        answers.add(400);
        RobotSender.Queued q = s.submit(message("m1", 10));

        assertThatThrownBy(() -> q.done.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("robot ops refused the message: HTTP 400");
        assertThat(received).hasSize(1);
        assertThat(s.problem()).startsWith("failing since ").endsWith(": HTTP 400");
        assertThat(s.name()).isEqualTo("ops");
    }

    @Test
    void aMessageWithdrawnBeforeItsTurnIsNeverSent() throws Exception {
        RobotSender s = sender(4000, onePer(Duration.ofSeconds(2)));
        RobotSender.Queued m1 = s.submit(message("m1", 10));
        await(m1);
        RobotSender.Queued m2 = s.submit(message("m2", 10));
        RobotSender.Queued m3 = s.submit(message("m3", 10));

        assertThat(s.withdraw(m2)).isTrue();
        await(m3);

        assertThat(s.withdraw(m1)).isFalse();
        assertThat(m2.done).isNotDone();
        assertThat(received).extracting(body -> body.substring(0, body.indexOf('|'))).containsExactly("m1", "m3");
    }
}
