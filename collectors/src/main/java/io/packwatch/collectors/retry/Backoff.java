package io.packwatch.collectors.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with "full jitter": attempt n waits a random time in [0, min(max, initial * 2^(n-1))]. */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** @param attempt the attempt that just failed, starting at 1 */
    public Duration delayAfter(int attempt) {
        double ceiling = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(attempt - 1, 30)));
        // Keep a floor of half the ceiling so a throttled caller really does back off.
        long millis = Math.round(ceiling / 2 + random.getAsDouble() * ceiling / 2);
        return Duration.ofMillis(millis);
    }
}
