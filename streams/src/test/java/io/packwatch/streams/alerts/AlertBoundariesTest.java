package io.packwatch.streams.alerts;

import static io.packwatch.streams.alerts.AlertHarness.T0;
import static io.packwatch.streams.alerts.AlertHarness.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.Product;
import io.packwatch.schema.Severity;
import io.packwatch.schema.Vendor;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Method;
import io.packwatch.streams.forecast.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of the alert decisions not pinned elsewhere: the P90 gate of a DEPLETION_FORECAST WARNING exactly at the
 * relaxed horizon, the unit of the bracket's words exactly at two days, the resolve reason of a depletion exactly at
 * the expiry, and a zero duration setting.
 */
class AlertBoundariesTest {
    private static final long CAP = 1_000_000;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long NOW = T0.toEpochMilli();
    private final AlertThresholds defaults = AlertSettings.defaults().resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC);

    private static Forecast bracket(long depletionAt, long earliestAt, long latestAt) {
        return new Forecast(1, 1, Method.LEAST_SQUARES, 1, depletionAt, earliestAt, latestAt, -1, Observation.NONE,
                50, 10, 0.9, false);
    }

    private Severity entering(PackageSnapshot s, Forecast f) {
        return AlertRules.evaluate(s, f, defaults).stream().filter(x -> x.type() == AlertType.DEPLETION_FORECAST)
                .findFirst().orElseThrow().entering();
    }

    /**
     * A WARNING (median within 7 days) opens once the bracket's late end is within 7 days x 1.1 as well: at exactly
     * that instant it opens, a millisecond later it waits.
     */
    @Test
    void aWarningOpensWithTheLateEndExactlyAtTheRelaxedHorizon() {
        PackageSnapshot s = builder(T0, CAP, 500_000).setExpiresAt(null).build();
        long relaxedWarn = (long) (defaults.depletionWarn().toMillis() * (1 + defaults.horizonResolveMargin()));
        long median = NOW + 3 * DAY;

        assertThat(entering(s, bracket(median, median, NOW + relaxedWarn))).isEqualTo(Severity.WARNING);
        assertThat(entering(s, bracket(median, median, NOW + relaxedWarn + 1))).isNull();
        assertThat(entering(s, bracket(median, median, Observation.NONE))).as("an open late end holds nothing back")
                .isEqualTo(Severity.WARNING);
    }

    /** Days from two days on, hours below: both for an open late end and for a closed one. */
    @Test
    void theBracketSpeaksInDaysFromExactlyTwoDays() {
        assertThat(DepletionBracket.phrase(NOW + 2 * DAY, Observation.NONE, NOW)).isEqualTo(" (in 2 days or more)");
        assertThat(DepletionBracket.phrase(NOW + 2 * DAY - 1, Observation.NONE, NOW)).isEqualTo(" (in 47 hours or more)");
        assertThat(DepletionBracket.phrase(NOW + DAY, NOW + 2 * DAY, NOW)).isEqualTo(" (in 1-2 days)");
        assertThat(DepletionBracket.phrase(NOW + DAY, NOW + 2 * DAY - 1, NOW)).isEqualTo(" (in 24-48 hours)");
    }

    /** Running out exactly at the expiry is not running out before it: the package expires first. */
    @Test
    void aDepletionExactlyAtTheExpiryResolvesAsExpiringFirst() {
        Instant expiry = T0.plus(Duration.ofDays(20));
        PackageSnapshot s = builder(T0, CAP, 500_000).setExpiresAt(expiry).build();
        Transition resolved = new Transition(AlertHarness.KEY + "#DEPLETION_FORECAST", AlertType.DEPLETION_FORECAST,
                null, TransitionKind.RESOLVE, AlertState.RESOLVED, Severity.WARNING, 2, "e-2");

        long at = expiry.toEpochMilli();
        assertThat(ResolvedReasons.of(resolved, s, bracket(at, at, at), "50.0% used"))
                .startsWith("expires " + AlertEvents.instant(expiry) + " before it would run out");
        assertThat(ResolvedReasons.of(resolved, s, bracket(at - 1, at - 1, at - 1), "50.0% used"))
                .startsWith("no longer projected to run out soon");
    }

    @Test
    void aZeroDurationIsRefusedByItsKey() {
        assertThatThrownBy(() -> new AlertSettings(Map.of("packwatch.alerts.depletion.warn", "PT0S"))
                .resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC))
                .hasMessageStartingWith("packwatch.alerts.depletion.warn must be positive");
        assertThat(new AlertSettings(Map.of("packwatch.alerts.depletion.warn", "PT1S"))
                .resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC).depletionWarn()).isEqualTo(Duration.ofSeconds(1));
    }
}
