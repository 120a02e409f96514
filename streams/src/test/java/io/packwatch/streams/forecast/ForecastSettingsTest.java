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
    @ValueSource(strings = {"ewma-half-life", "slope-window", "bucket-retention", "projection-horizon", "level-window"})
    void theSmallestPositiveDurationIsAccepted(String name) {
        ForecastSettings s = ForecastSettings.from(Map.of(ForecastSettings.PREFIX + name, "PT0.001S"));

        assertThat(Map.of("ewma-half-life", s.ewmaHalfLife(), "slope-window", s.slopeWindow(),
                "bucket-retention", s.bucketRetention(), "projection-horizon", s.projectionHorizon(),
                "level-window", s.levelWindow()).get(name)).isEqualTo(Duration.ofMillis(1));
    }
}
