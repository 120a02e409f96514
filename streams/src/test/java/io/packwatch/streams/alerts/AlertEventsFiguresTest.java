package io.packwatch.streams.alerts;

import static io.packwatch.streams.alerts.AlertHarness.T0;
import static io.packwatch.streams.alerts.AlertHarness.builder;
import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.Severity;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Method;
import io.packwatch.streams.forecast.Observation;
import org.junit.jupiter.api.Test;

/** The figures of an alert event, and its one-line message, with and without the optional parts. */
class AlertEventsFiguresTest {

    private static final long GIB = 1L << 30;
    private static final long HOUR = 3_600_000L;

    private static Transition firing(AlertType type, String band) {
        return new Transition(AlertHarness.KEY + "#" + type, type, band, TransitionKind.OPEN, AlertState.FIRING,
                Severity.WARNING, 1, "e-1");
    }

    private static Forecast projecting(long depletionAt, long remainingAtExpiry) {
        return new Forecast(GIB, GIB, Method.LEAST_SQUARES, 2.0 * GIB, depletionAt, depletionAt, depletionAt,
                remainingAtExpiry, Observation.NONE, 25, 10, 0.9, false);
    }

    @Test
    void withoutAForecastThePercentIsComputedFromTheSnapshot() {
        PackageSnapshot s = builder(T0, 100 * GIB, 25 * GIB).setName("edge").build();

        PackageAlert a = AlertEvents.build(firing(AlertType.USAGE_THRESHOLD, "20"), s, null, T0, T0);

        assertThat(a.getPercentUsed()).isEqualTo(25.0);
        assertThat(a.getRatePerHour()).isNull();
        assertThat(a.getProjectedDepletionAt()).isNull();
        assertThat(a.getProjectedRemainingAtExpiry()).isNull();
        assertThat(a.getMessage()).isEqualTo("FIRING WARNING USAGE_THRESHOLD 20% " + AlertHarness.KEY
                + " (edge): crossed 20%, 25.0% used, 75.0 GiB left of 100.0 GiB");
        assertThat(AlertEvents.percent(builder(T0, 0, 0).build())).isZero();
    }

    @Test
    void aProjectionCarriesItsRateDepletionAndWaste() {
        PackageSnapshot s = builder(T0, 100 * GIB, 25 * GIB).build();
        long depletion = T0.toEpochMilli() + 10 * HOUR;

        PackageAlert a = AlertEvents.build(firing(AlertType.DEPLETION_FORECAST, null), s, projecting(depletion, 0), T0, T0);

        assertThat(a.getRatePerHour()).isEqualTo(2.0 * GIB);
        assertThat(a.getProjectedDepletionAt().toEpochMilli()).isEqualTo(depletion);
        assertThat(a.getProjectedRemainingAtExpiry()).isZero();
        assertThat(a.getMessage()).startsWith("FIRING WARNING DEPLETION_FORECAST " + AlertHarness.KEY
                + ": projected to run out 2026-11-01T10:00:00Z").contains(" at 2.0 GiB/h, 25.0% used");
    }

    @Test
    void withoutADepletionTheMessageSaysSoonAndTheEventHasNoInstant() {
        PackageSnapshot s = builder(T0, 100 * GIB, 25 * GIB).build();

        PackageAlert a = AlertEvents.build(firing(AlertType.DEPLETION_FORECAST, null), s,
                projecting(Observation.NONE, -1), T0, T0);

        assertThat(a.getProjectedDepletionAt()).isNull();
        assertThat(a.getProjectedRemainingAtExpiry()).isNull();
        assertThat(a.getMessage()).contains(": projected to run out soon");
    }

    @Test
    void expiringStatesTheProjectedWasteEvenWithoutAForecast() {
        PackageSnapshot s = builder(T0, 100 * GIB, 25 * GIB).build();

        PackageAlert a = AlertEvents.build(firing(AlertType.EXPIRING, null), s, null, T0, T0);

        assertThat(a.getProjectedRemainingAtExpiry()).isEqualTo(75 * GIB);
        assertThat(a.getMessage()).endsWith("with 75.0 GiB projected unused");
    }
}
