package io.packwatch.streams.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations that must be positive are refused at zero and below, naming the key; the smallest positive one is kept. */
class ForecastSettingsTest {

    @ParameterizedTest
    @CsvSource({
            "ewma-half-life, PT0S", "ewma-half-life, PT-1H",
            "slope-window, PT0S", "slope-window, PT-1H",
            "bucket-retention, PT0S", "bucket-retention, -P1D",
            "projection-horizon, PT0S", "projection-horizon, -P1D",
            "level-window, PT0S", "level-window, PT-1S"})
    void aZeroOrNegativeDurationIsRefusedNamingItsKey(String name, String value) {
        assertThatThrownBy(() -> ForecastSettings.from(Map.of(ForecastSettings.PREFIX + name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ForecastSettings.PREFIX + name + " must be positive, was " + Duration.parse(value));
    }

    @ParameterizedTest
    @CsvSource({"min-samples, 2", "recent-samples, 4", "recent-samples, 1024", "reset.near-zero-percent, 0",
            "reset.drop-percent, 100", "reset.drop-polls, 1", "reset.drop-polls, 10"})
    void theLimitsThemselvesAreAccepted(String name, String value) {
        ForecastSettings.from(Map.of(ForecastSettings.PREFIX + name, value));
    }

    @ParameterizedTest
    @CsvSource({"min-samples, 1", "recent-samples, 3", "recent-samples, 1025", "reset.near-zero-percent, 50",
            "reset.near-zero-percent, -1", "reset.drop-percent, 0", "reset.drop-percent, 100.5", "reset.drop-polls, 0",
            "reset.drop-polls, 11"})
    void justBeyondTheLimitsIsRefusedNamingTheKey(String name, String value) {
        assertThatThrownBy(() -> ForecastSettings.from(Map.of(ForecastSettings.PREFIX + name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(ForecastSettings.PREFIX + name + " must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ewma-half-life", "slope-window", "bucket-retention", "projection-horizon", "level-window"})
    void theSmallestPositiveDurationIsAccepted(String name) {
        ForecastSettings s = ForecastSettings.from(Map.of(ForecastSettings.PREFIX + name, "PT0.001S"));

        assertThat(Map.of("ewma-half-life", s.ewmaHalfLife(), "slope-window", s.slopeWindow(),
                "bucket-retention", s.bucketRetention(), "projection-horizon", s.projectionHorizon(),
                "level-window", s.levelWindow()).get(name)).isEqualTo(Duration.ofMillis(1));
    }
}
