package io.packwatch.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Method;
import io.packwatch.streams.forecast.Observation;
import org.junit.jupiter.api.Test;

class DepletionBracketTest {

    private static final long NOW = 1_762_041_600_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private static Forecast bracket(long earliest, long central, long latest) {
        return new Forecast(1, 1, Method.LEAST_SQUARES, 1, central, earliest, latest, 0, Observation.NONE, 50, 100,
                0.9, false);
    }

    @Test
    void daysFromTwoDaysOnRoundedOutwards() {
        assertThat(DepletionBracket.phrase(bracket(NOW + 5 * DAY + 3 * HOUR, NOW + 6 * DAY, NOW + 6 * DAY + 20 * HOUR), NOW))
                .isEqualTo(" (in 5-7 days)");
    }

    @Test
    void hoursBelowTwoDays() {
        assertThat(DepletionBracket.phrase(bracket(NOW + 20 * HOUR + 10, NOW + 24 * HOUR, NOW + 29 * HOUR + 1), NOW))
                .isEqualTo(" (in 20-30 hours)");
        assertThat(DepletionBracket.phrase(bracket(NOW + 20 * HOUR, NOW + 20 * HOUR, NOW + 20 * HOUR), NOW))
                .isEqualTo(" (in about 20 hours)");
    }

    @Test
    void anOpenUpperEndSaysOrMore() {
        assertThat(DepletionBracket.phrase(bracket(NOW + 3 * DAY, NOW + 5 * DAY, Observation.NONE), NOW))
                .isEqualTo(" (in 3 days or more)");
    }

    @Test
    void nothingWithoutAProjection() {
        assertThat(DepletionBracket.phrase(bracket(Observation.NONE, Observation.NONE, Observation.NONE), NOW)).isEmpty();
        assertThat(DepletionBracket.phrase(null, NOW)).isEmpty();
    }
}
