package io.packwatch.streams.app;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class UncaughtExceptionPolicyTest {

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now; }
    }

    @Test
    void transientErrorsReplaceTheThreadFatalOnesShutDown() {
        UncaughtExceptionPolicy policy = new UncaughtExceptionPolicy(3, Duration.ofMinutes(5), new MutableClock());
        assertThat(policy.handle(new StreamsException(new TimeoutException("broker slow")))).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(new StreamsException(new SaslAuthenticationException("bad password")))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.handle(new StreamsException(new OutOfMemoryError()))).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void aThreadThatKeepsDyingIsFatalButOldFailuresAge() {
        MutableClock clock = new MutableClock();
        UncaughtExceptionPolicy policy = new UncaughtExceptionPolicy(2, Duration.ofMinutes(5), clock);
        RuntimeException e = new StreamsException("task failed");
        assertThat(policy.handle(e)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(e)).isEqualTo(REPLACE_THREAD);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(policy.handle(e)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(e)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(e)).isEqualTo(SHUTDOWN_CLIENT);
    }
}
