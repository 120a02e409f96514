package io.packwatch.collectors.retry;

import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.Retryability;
import io.packwatch.collectors.vendor.VendorCall;
import io.packwatch.collectors.vendor.VendorCallException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Every vendor request goes through here: wait for the account's bucket, call, and on failure retry only what
 * vendor-spec section 7 calls retryable, with exponential backoff and jitter.
 *
 * <p>Hand-written rather than with a resilience library because the rules are vendor-specific (throttles slow the
 * shared bucket, expired signatures get exactly one fresh attempt, everything else is not retried) and the loop must
 * stop at once when the collector shuts down; the whole policy fits in this class.
 */
public final class PacedRetryingCaller {
    static final int THROTTLE_BUDGET_FACTOR = 4;

    private final TokenBucket bucket;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final BooleanSupplier stopping;
    private final CallOutcomeListener listener;

    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public PacedRetryingCaller(TokenBucket bucket, int maxAttempts, Backoff backoff, Sleeper sleeper,
                               BooleanSupplier stopping, CallOutcomeListener listener) {
        this.bucket = bucket;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.stopping = stopping;
        this.listener = listener;
    }

    public ApiPage call(VendorCall call) throws VendorCallException, InterruptedException, StoppedException {
        boolean onceUsed = false;
        int failures = 0;
        int throttles = 0;
        while (true) {
            if (stopping.getAsBoolean()) {
                throw new StoppedException();
            }
            bucket.acquire();
            try {
                ApiPage page = call.execute();
                bucket.onSuccess();
                listener.onAttempt("success", "");
                return page;
            } catch (VendorCallException e) {
                Retryability r = e.retryability();
                listener.onAttempt(r == Retryability.THROTTLED ? "throttled" : "error", e.code());
                if (r == Retryability.THROTTLED) {
                    bucket.onThrottled();
                    listener.onThrottled();
                }
                // A throttle is the vendor asking us to slow down, not a failure of the request: it gets a larger
                // budget so that a throttling storm slows the cycle down instead of failing it.
                int attempt = r == Retryability.THROTTLED ? ++throttles : ++failures;
                boolean again = switch (r) {
                    case RETRY -> failures < maxAttempts;
                    case THROTTLED -> throttles < maxAttempts * THROTTLE_BUDGET_FACTOR;
                    case RETRY_ONCE -> !onceUsed;
                    case FATAL -> false;
                };
                if (r == Retryability.RETRY_ONCE) {
                    onceUsed = true;
                }
                if (!again) {
                    throw e;
                }
                listener.onRetry(e.code());
                if (r != Retryability.RETRY_ONCE) {
                    sleeper.sleep(backoff.delayAfter(attempt));
                }
            }
        }
    }

    /** The collector is shutting down; the listing stops where it is. */
    public static final class StoppedException extends Exception {
        public StoppedException() {
            super("collector is shutting down", null, false, false);
        }
    }
}
