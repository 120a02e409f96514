package io.packwatch.streams.app;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/** Wraps the uncaught-exception handler to remember when a stream thread was last replaced and why (for /health). */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {
    private final StreamsUncaughtExceptionHandler delegate;
    private final Clock clock;
    private final AtomicLong total = new AtomicLong();
    private volatile Instant last;
    private volatile String lastReason;

    ThreadReplacements(StreamsUncaughtExceptionHandler delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        StreamThreadExceptionResponse response = delegate.handle(exception);
        if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
            lastReason = exception.getClass().getSimpleName() + ": " + exception.getMessage();
            last = clock.instant();
            total.incrementAndGet();
        }
        return response;
    }

    AtomicLong total() {
        return total;
    }

    /** When a thread was last replaced, or null. */
    Instant last() {
        return last;
    }

    String lastReason() {
        return lastReason;
    }
}
