package io.packwatch.streams.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.TopologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transient failures (broker hiccups, a registry outage that failed a task) replace the stream thread; fatal ones
 * (security, configuration, missing topics, JVM errors) shut the client down cleanly so the process exits and its
 * supervisor sees it. A thread that keeps dying is fatal too: more than {@code maxReplacements} within {@code window}.
 */
public final class UncaughtExceptionPolicy implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtExceptionPolicy.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    public UncaughtExceptionPolicy(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    public static UncaughtExceptionPolicy defaults() {
        return new UncaughtExceptionPolicy(5, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        if (isFatal(exception)) {
            LOG.error("fatal error in a stream thread, shutting the client down", exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() >= maxReplacements) {
            LOG.error("stream threads failed {} times within {}; treating it as fatal", recent.size() + 1, window, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        LOG.warn("transient error in a stream thread, replacing the thread", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    static boolean isFatal(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error
                    || t instanceof AuthenticationException
                    || t instanceof AuthorizationException
                    || t instanceof UnsupportedVersionException
                    || t instanceof ConfigException
                    || t instanceof MissingSourceTopicException
                    || t instanceof TopologyException) {
                return true;
            }
        }
        return false;
    }
}
