package io.packwatch.collectors.pacing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Paces one account's requests to one API, shared by all the account's regions.
 *
 * <p>Hand-written rather than Guava's RateLimiter or Bucket4j because the rate must adapt: a
 * {@code RequestLimitExceeded} halves it and successes win it back step by step up to the configured rate. The bucket
 * holds at most {@code burst} tokens, so a one-second window never sees more than rate + burst requests: the default
 * burst keeps that under the vendor's documented limit while letting a late request's slot be caught up, which keeps
 * the achieved rate at the configured one. It is a few lines with an injectable clock (testable without sleeping).
 */
public final class TokenBucket {
    /** Never slow below this, so a throttling storm still finishes the cycle. */
    static final double MIN_FRACTION = 0.1;
    /** Share of the configured rate won back per successful request after a slow-down. */
    static final double RECOVERY_FRACTION = 0.05;

    private final double configuredRate;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock(true);
    private double rate;
    private long nextFreeNanos;

    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    public TokenBucket(double requestsPerSecond, int burst) {
        this(requestsPerSecond, burst, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public TokenBucket(double requestsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        this(requestsPerSecond, 1, nanoClock, sleeper);
    }

    public TokenBucket(double requestsPerSecond, int burst, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1");
        }
        this.burst = burst;
        this.configuredRate = requestsPerSecond;
        this.rate = requestsPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.nextFreeNanos = nanoClock.getAsLong();
    }

    /** Blocks until this caller may send one request. Callers are served in arrival order. */
    public void acquire() throws InterruptedException {
        long wait;
        lock.lockInterruptibly();
        try {
            long now = nanoClock.getAsLong();
            // Virtual scheduling: a slot may lie up to burst-1 intervals in the past (saved-up tokens), never more.
            long slot = Math.max(now - (burst - 1) * intervalNanos(), nextFreeNanos);
            nextFreeNanos = slot + intervalNanos();
            wait = slot - now;
        } finally {
            lock.unlock();
        }
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** The vendor said we are too fast: halve the rate (not below 10 % of the configured one). */
    public void onThrottled() {
        lock.lock();
        try {
            rate = Math.max(configuredRate * MIN_FRACTION, rate / 2);
            // Push the next slot out by one new interval so the slow-down takes effect immediately.
            nextFreeNanos = Math.max(nextFreeNanos, nanoClock.getAsLong()) + intervalNanos();
        } finally {
            lock.unlock();
        }
    }

    public void onSuccess() {
        lock.lock();
        try {
            if (rate < configuredRate) {
                rate = Math.min(configuredRate, rate + configuredRate * RECOVERY_FRACTION);
            }
        } finally {
            lock.unlock();
        }
    }

    public double currentRate() {
        lock.lock();
        try {
            return rate;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The default burst: as many saved-up tokens as fit under the documented limit with one request to spare
     * (rate + burst stays below the limit), at least 1 (no saving up) and at most 3.
     */
    public static int defaultBurst(double rate, double documentedLimit) {
        if (documentedLimit <= 0) {
            return 1;
        }
        return (int) Math.max(1, Math.min(3, Math.floor(documentedLimit - rate) - 1));
    }

    public double configuredRate() {
        return configuredRate;
    }

    private long intervalNanos() {
        return (long) (1_000_000_000L / rate);
    }
}
