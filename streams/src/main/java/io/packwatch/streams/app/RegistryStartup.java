package io.packwatch.streams.app;

import io.packwatch.core.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the schema registry at start-up, as for any other dependency: a registry that is unreachable or answers 5xx
 * is retried with exponential backoff (from {@value #FIRST_BACKOFF_MS} ms, doubling up to {@code max-backoff}), one
 * log line per attempt, until it answers or {@code max-wait} has passed; then the start fails with a message naming
 * the registry and the last error. Registry answers about the request itself (4xx) are not retried. Written out
 * rather than taken from a retry library: it is one loop, and the project has no such dependency.
 *
 * @param maxWait    {@value #MAX_WAIT}, ISO-8601, default PT5M
 * @param maxBackoff {@value #MAX_BACKOFF}, ISO-8601, default PT30S
 */
record RegistryStartup(Duration maxWait, Duration maxBackoff) {
    static final String MAX_WAIT = "packwatch.registry.startup.max-wait";
    static final String MAX_BACKOFF = "packwatch.registry.startup.max-backoff";
    static final long FIRST_BACKOFF_MS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryStartup.class);

    /** Start-up gave up waiting for the registry. */
    static final class Unavailable extends IllegalStateException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static RegistryStartup from(Map<String, String> packwatchSettings) {
        return new RegistryStartup(SettingDurations.positive(packwatchSettings, MAX_WAIT, "PT5M"),
                SettingDurations.positive(packwatchSettings, MAX_BACKOFF, "PT30S"));
    }

    /** {@code call}'s result, retried while the registry is unreachable or failing (5xx). */
    <T> T await(String what, Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SchemaRegistryException e) {
                if (!isOutage(e)) {
                    throw e;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new Unavailable("schema registry not available within " + maxWait + " (" + attempt
                            + " attempts to " + what + "; " + MAX_WAIT + "): " + e.getMessage(), e);
                }
                long pause = Math.min(backoff, Duration.ofNanos(left).toMillis() + 1);
                LOG.warn("event=registry-wait attempt={} retryInMs={} detail=\"{}\"", attempt, pause, e.getMessage());
                Thread.sleep(pause);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    static boolean isOutage(SchemaRegistryException e) {
        return e.httpStatus() == 0 || e.httpStatus() >= 500;
    }
}
