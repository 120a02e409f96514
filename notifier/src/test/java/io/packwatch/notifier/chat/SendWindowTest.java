package io.packwatch.notifier.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void twentyPerMinuteThenWaitUntilTheOldestLeavesTheWindow() {
        SendWindow window = new SendWindow(List.of(new Robot.RateLimit(20, Duration.ofMinutes(1))));
        for (int i = 0; i < 20; i++) {
            assertThat(window.waitBefore(T.plusSeconds(i))).isZero();
            window.record(T.plusSeconds(i));
        }
        assertThat(window.waitBefore(T.plusSeconds(20))).isEqualTo(Duration.ofSeconds(40));
        assertThat(window.waitBefore(T.plusSeconds(60))).isEqualTo(Duration.ZERO);
        window.record(T.plusSeconds(60));
        assertThat(window.waitBefore(T.plusSeconds(60))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyLimitHolds() {
        SendWindow window = new SendWindow(List.of(new Robot.RateLimit(100, Duration.ofMinutes(1)),
                new Robot.RateLimit(5, Duration.ofSeconds(1))));
        for (int i = 0; i < 5; i++) {
            window.record(T.plusMillis(i * 10L));
        }
        assertThat(window.waitBefore(T.plusMillis(100))).isEqualTo(Duration.ofMillis(900));
        assertThat(window.waitBefore(T.plusMillis(1000))).isEqualTo(Duration.ZERO);
    }
}
