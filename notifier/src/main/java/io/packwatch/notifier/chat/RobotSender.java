package io.packwatch.notifier.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One robot's outbox, on its own thread. Messages wait until the robot's rate limits allow a send; everything that
 * queued up meanwhile goes out merged into one message (as much as fits the robot's size limit), so a burst costs one
 * send and nothing is dropped. Rate-limit answers, 5xx and I/O errors are retried with backoff; a message whose
 * webhook caller gave up before it was sent is withdrawn (Alertmanager retries it). Each message completes its future
 * when the robot accepted it, or exceptionally when the robot refused it for good (bad key or signature).
 */
final class RobotSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RobotSender.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** A queued message and who waits for it. */
    static final class Queued {
        final ChatMessage message;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Queued(ChatMessage message) {
            this.message = message;
        }
    }

    private final Robot robot;
    private final HttpClient http;
    private final Clock clock;
    private final SendWindow window;
    private final LinkedBlockingDeque<Queued> queue = new LinkedBlockingDeque<>();
    private final Object signal = new Object();
    private final Counter sends;
    private final Counter retries;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError;
    private volatile Instant failingSince;

    RobotSender(Robot robot, HttpClient http, Clock clock, MeterRegistry meters) {
        this.robot = robot;
        this.http = http;
        this.clock = clock;
        this.window = new SendWindow(robot.limits());
        this.sends = Counter.builder("packwatch.chatbridge.messages.sent").tag("robot", robot.name())
                .description("Messages the robot accepted (each may carry several notifications)").register(meters);
        this.retries = Counter.builder("packwatch.chatbridge.retries").tag("robot", robot.name())
                .description("Sends retried after a rate-limit answer, 5xx or I/O error").register(meters);
        Gauge.builder("packwatch.chatbridge.queued", queue, LinkedBlockingDeque::size).tag("robot", robot.name())
                .description("Notifications waiting for the robot's rate limit or recovery").register(meters);
        this.thread = new Thread(this::run, "packwatch-robot-" + robot.name());
        thread.setDaemon(true);
        thread.start();
    }

    String name() {
        return robot.name();
    }

    /** Queues a message; the future completes when the robot accepted it. */
    Queued submit(ChatMessage message) {
        Queued q = new Queued(message);
        queue.addLast(q);
        synchronized (signal) {
            signal.notifyAll();
        }
        return q;
    }

    /** Withdraws a message that was not sent yet; false if it is already on its way (or delivered). */
    boolean withdraw(Queued q) {
        return queue.remove(q);
    }

    /** Null when the last send worked, else why and since when it fails. */
    String problem() {
        return failingSince == null ? null : "failing since " + failingSince + ": " + lastError;
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                if (queue.isEmpty()) {
                    synchronized (signal) {
                        if (queue.isEmpty()) {
                            signal.wait(500);
                        }
                    }
                    continue;
                }
                Duration wait = window.waitBefore(clock.instant());
                if (!wait.isZero()) {
                    Thread.sleep(Math.max(1, wait.toMillis()));
                    continue;
                }
                List<Queued> batch = takeBatch();
                if (batch.isEmpty()) {
                    continue;
                }
                Outcome outcome = send(ChatMessage.merge(batch.stream().map(q -> q.message).toList()));
                switch (outcome.kind()) {
                    case DELIVERED -> {
                        failures = 0;
                        sends.increment();
                        if (failingSince != null) {
                            LOG.info("event=robot-back robot={}", robot.name());
                        }
                        failingSince = null;
                        batch.forEach(q -> q.done.complete(null));
                    }
                    case FAILED -> {
                        failed(outcome);
                        batch.forEach(q -> q.done.completeExceptionally(
                                new IllegalStateException("robot " + robot.name() + " refused the message: " + outcome.reason())));
                    }
                    case RATE_LIMITED, RETRY -> {
                        failures++;
                        retries.increment();
                        failed(outcome);
                        // Back in front, in order: merged again (with anything newer) on the next try.
                        for (int i = batch.size() - 1; i >= 0; i--) {
                            queue.addFirst(batch.get(i));
                        }
                        long base = outcome.kind() == Outcome.Kind.RATE_LIMITED ? 2_000 : 500;
                        Thread.sleep(Math.min(MAX_BACKOFF.toMillis(), base << Math.min(failures - 1, 10)));
                    }
                    default -> throw new IllegalStateException("unexpected outcome " + outcome);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("event=robot-sender-error robot={} error={}", robot.name(), e.getClass().getSimpleName());
            }
        }
    }

    /** The queued messages that fit in one message of the robot, oldest first (always at least one). */
    private List<Queued> takeBatch() {
        List<Queued> batch = new ArrayList<>();
        int bytes = 0;
        Queued q;
        while ((q = queue.peekFirst()) != null) {
            int size = Math.max(MessageText.bytes(q.message.markdown()), MessageText.bytes(q.message.text())) + 16;
            if (!batch.isEmpty() && bytes + size > robot.maxBytes()) {
                break;
            }
            if (queue.remove(q)) {
                batch.add(q);
                bytes += size;
            }
        }
        return batch;
    }

    private Outcome send(ChatMessage message) throws InterruptedException {
        Instant now = clock.instant();
        window.record(now);
        try {
            HttpResponse<String> response = http.send(robot.request(message, now),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return robot.classify(response.statusCode(), response.body());
        } catch (IOException e) {
            // The exception text can carry the request URL, which holds the robot's key: only its type is kept.
            return new Outcome(Outcome.Kind.RETRY, "I/O error " + e.getClass().getSimpleName());
        }
    }

    private void failed(Outcome outcome) {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        lastError = outcome.reason();
        LOG.warn("event=robot-send-failed robot={} outcome={} reason=\"{}\" queued={}", robot.name(), outcome.kind(),
                outcome.reason(), queue.size());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
