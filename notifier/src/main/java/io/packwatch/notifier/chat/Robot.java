package io.packwatch.notifier.chat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A chat robot the bridge posts to: how to build its request, read its answer, and how fast it may be called. */
public interface Robot {

    /** The configured name; the only thing logs, metrics and health show of a robot (its URL holds secrets). */
    String name();

    /** Largest message text the robot accepts, in UTF-8 bytes. */
    int maxBytes();

    /** The robot's documented rate limits; a message is sent only when every one allows it. */
    List<RateLimit> limits();

    HttpRequest request(ChatMessage message, Instant now);

    Outcome classify(int status, String body);

    /** At most {@code max} messages per {@code window}. */
    record RateLimit(int max, Duration window) { }
}
