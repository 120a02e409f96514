package io.packwatch.collectors.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fake clock that advances when the bucket sleeps: the grants are exactly the bucket's schedule. */
class TokenBucketTest {
    private long now = 0;
    private final List<Long> grants = new ArrayList<>();

    private TokenBucket bucket(double rate) {
        return new TokenBucket(rate, () -> now, nanos -> now += nanos);
    }

    private void acquire(TokenBucket b, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            b.acquire();
            grants.add(now);
        }
    }

    @Test
    void grantsAreEvenlySpacedAtTheConfiguredRate() throws InterruptedException {
        acquire(bucket(10), 21);
        assertThat(grants.get(0)).isZero();
        assertThat(grants.get(20)).isEqualTo(2_000_000_000L);
        for (int i = 1; i < grants.size(); i++) {
            assertThat(grants.get(i) - grants.get(i - 1)).isEqualTo(100_000_000L);
        }
    }

    @Test
    void idleTimeDoesNotBuildABurst() throws InterruptedException {
        TokenBucket b = bucket(10);
        acquire(b, 1);
        now += 5_000_000_000L;
        acquire(b, 3);
        assertThat(grants.get(2) - grants.get(1)).isEqualTo(100_000_000L);
        assertThat(grants.get(3) - grants.get(2)).isEqualTo(100_000_000L);
    }

    @Test
    void aBurstCatchesUpLateSlotsButNeverBeyondItsSize() throws InterruptedException {
        TokenBucket b = new TokenBucket(10, 3, () -> now, nanos -> now += nanos);
        acquire(b, 1);
        now += 5_000_000_000L;          // idle (or a slow response): at most 3 tokens were saved up
        acquire(b, 4);
        assertThat(grants.subList(1, 4)).containsOnly(5_000_000_000L);
        assertThat(grants.get(4)).isEqualTo(5_100_000_000L);
        // Over any long run the rate stays the configured one.
        acquire(b, 100);
        assertThat(grants.get(104)).isEqualTo(15_100_000_000L);
    }

    @Test
    void defaultBurstKeepsRatePlusBurstUnderTheDocumentedLimit() {
        assertThat(TokenBucket.defaultBurst(15, 20)).isEqualTo(3);
        assertThat(TokenBucket.defaultBurst(8, 10)).isEqualTo(1);
        assertThat(TokenBucket.defaultBurst(18, 20)).isEqualTo(1);
        assertThat(TokenBucket.defaultBurst(9, 0)).isEqualTo(1);
    }

    @Test
    void throttlingHalvesTheRateAndSuccessWinsItBack() {
        TokenBucket b = bucket(10);
        b.onThrottled();
        assertThat(b.currentRate()).isEqualTo(5.0);
        b.onThrottled();
        b.onThrottled();
        b.onThrottled();
        assertThat(b.currentRate()).isEqualTo(1.0);   // floor: 10 % of the configured rate
        for (int i = 0; i < 100; i++) {
            b.onSuccess();
        }
        assertThat(b.currentRate()).isEqualTo(10.0);  // never above the configured rate
    }

    @Test
    void aThrottlePushesTheNextGrantOut() throws InterruptedException {
        TokenBucket b = bucket(10);
        acquire(b, 1);
        b.onThrottled();
        acquire(b, 1);
        assertThat(grants.get(1)).isGreaterThanOrEqualTo(100_000_000L + 200_000_000L);
    }
}
