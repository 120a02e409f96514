package io.packwatch.streams.alerts;

import static io.packwatch.streams.alerts.AlertHarness.T0;
import static io.packwatch.streams.alerts.AlertHarness.builder;
import static io.packwatch.streams.alerts.AlertHarness.wasteAtExpiry;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * What single rules say at their boundaries (the signal itself, before the state machine): DEPLETION_FORECAST with
 * and without an expiry and at the confidence floor, and the EXPIRING hysteresis on waste and on time to expiry.
 * Defaults: depletion CRITICAL within 24 h, min confidence 0.2; EXPIRING WARNING within 7 days, CRITICAL within 24 h,
 * waste above 10 % of capacity; horizon resolve margin 0.1.
 */
class AlertRulesSignalsTest {

    private static final long CAP = 1_000_000;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private final AlertThresholds defaults = AlertSettings.defaults().resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC);

    private Signal signal(PackageSnapshot s, Forecast f, AlertType type) {
        return AlertRules.evaluate(s, f, defaults).stream().filter(x -> x.type() == type).findFirst().orElseThrow();
    }

    /** A projection of depletion at {@code depletionAt} (its bracket collapsed onto it), with the given confidence. */
    private static Forecast depletingAt(PackageSnapshot s, long depletionAt, double confidence) {
        long tte = s.getExpiresAt() == null ? Observation.NONE
                : s.getExpiresAt().toEpochMilli() - s.getObservedAt().toEpochMilli();
        return new Forecast(1, 1, Method.LEAST_SQUARES, 1, depletionAt, depletionAt, depletionAt, -1, tte,
                100d * s.getUsed() / s.getCapacity(), 10, confidence, false);
    }

    @Test
    void aPackageWithoutExpiryGetsItsDepletionForecast() {
        PackageSnapshot s = builder(T0, CAP, 500_000).setExpiresAt(null).build();

        Signal depletion = signal(s, depletingAt(s, T0.toEpochMilli() + 12 * HOUR, 0.9), AlertType.DEPLETION_FORECAST);

        assertThat(depletion.unknown()).isFalse();
        assertThat(depletion.entering()).isEqualTo(Severity.CRITICAL);
        assertThat(signal(s, depletingAt(s, T0.toEpochMilli() + 12 * HOUR, 0.9), AlertType.EXPIRING).entering()).isNull();
    }

    @Test
    void aDepletionProjectedAfterTheExpiryIsNotADepletionAlert() {
        Instant expiry = T0.plus(Duration.ofHours(10));
        PackageSnapshot s = builder(T0, CAP, 500_000).setExpiresAt(expiry).build();

        Signal after = signal(s, depletingAt(s, T0.toEpochMilli() + 12 * HOUR, 0.9), AlertType.DEPLETION_FORECAST);
        Signal before = signal(s, depletingAt(s, T0.toEpochMilli() + 9 * HOUR, 0.9), AlertType.DEPLETION_FORECAST);

        assertThat(after.entering()).isNull();
        assertThat(before.entering()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void theConfidenceFloorItselfIsEnoughToOpen() {
        PackageSnapshot s = builder(T0, CAP, 500_000).build();
        long in12h = T0.toEpochMilli() + 12 * HOUR;

        assertThat(signal(s, depletingAt(s, in12h, 0.2), AlertType.DEPLETION_FORECAST).entering())
                .isEqualTo(Severity.CRITICAL);
        assertThat(signal(s, depletingAt(s, in12h, Math.nextDown(0.2)), AlertType.DEPLETION_FORECAST).entering())
                .isNull();
    }

    /** Waste above 10 % opens; between 10 / 1.1 = 9.09 % and 10 % an open alert holds; at 9 % it clears. */
    @Test
    void expiringHoldsOnWasteDownToTheThresholdDividedByTheMargin() {
        PackageSnapshot s = builder(T0, CAP, 500_000).setExpiresAt(T0.plus(Duration.ofDays(3))).build();

        Signal above = signal(s, wasteAtExpiry(s, 100_001), AlertType.EXPIRING);
        Signal atThreshold = signal(s, wasteAtExpiry(s, 100_000), AlertType.EXPIRING);
        Signal insideMargin = signal(s, wasteAtExpiry(s, 91_000), AlertType.EXPIRING);
        Signal beyondMargin = signal(s, wasteAtExpiry(s, 90_000), AlertType.EXPIRING);

        assertThat(above.entering()).isEqualTo(Severity.WARNING);
        assertThat(above.holding()).isEqualTo(Severity.WARNING);
        assertThat(atThreshold.entering()).isNull();
        assertThat(atThreshold.holding()).isEqualTo(Severity.WARNING);
        assertThat(insideMargin.entering()).isNull();
        assertThat(insideMargin.holding()).isEqualTo(Severity.WARNING);
        assertThat(beyondMargin.entering()).isNull();
        assertThat(beyondMargin.holding()).isNull();
    }

    /**
     * CRITICAL within 24 h holds to 26.4 h; WARNING within 7 days holds to 7.7 days. Entering uses the strict
     * horizons, holding the relaxed ones.
     */
    @Test
    void expiringHoldsItsSeverityUpToTheHorizonTimesOnePlusTheMargin() {
        assertThat(expiringIn(Duration.ofHours(24))).containsExactly(Severity.CRITICAL, Severity.CRITICAL);
        assertThat(expiringIn(Duration.ofHours(25))).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(expiringIn(Duration.ofMinutes(26 * 60 + 24))).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(expiringIn(Duration.ofMinutes(26 * 60 + 25))).containsExactly(Severity.WARNING, Severity.WARNING);
        assertThat(expiringIn(Duration.ofDays(7))).containsExactly(Severity.WARNING, Severity.WARNING);
        assertThat(expiringIn(Duration.ofHours(7 * 24 + 1))).containsExactly(null, Severity.WARNING);
        assertThat(expiringIn(Duration.ofMinutes((long) (7.7 * 24 * 60)))).containsExactly(null, Severity.WARNING);
        assertThat(expiringIn(Duration.ofMinutes((long) (7.7 * 24 * 60) + 1))).containsExactly(null, null);
    }

    /** [entering, holding] of EXPIRING for a package expiring after {@code left} with half its capacity unused. */
    private Severity[] expiringIn(Duration left) {
        PackageSnapshot s = builder(T0, CAP, 500_000).setExpiresAt(T0.plus(left)).build();
        Signal x = signal(s, wasteAtExpiry(s, 500_000), AlertType.EXPIRING);
        return new Severity[] {x.entering(), x.holding()};
    }

    @Test
    void aDepletionExactlyAtTheExpiryIsNotBeforeIt() {
        Instant expiry = T0.plus(Duration.ofHours(10));
        PackageSnapshot s = builder(T0, CAP, 500_000).setExpiresAt(expiry).build();

        assertThat(signal(s, depletingAt(s, expiry.toEpochMilli(), 0.9), AlertType.DEPLETION_FORECAST).entering()).isNull();
        assertThat(signal(s, depletingAt(s, expiry.toEpochMilli() - 1, 0.9), AlertType.DEPLETION_FORECAST).entering())
                .isEqualTo(Severity.CRITICAL);
    }

    /** Used up: EXHAUSTED's business; the depletion rule keeps what it has. */
    @Test
    void nothingRemainingLeavesTheDepletionAlertAsItIs() {
        PackageSnapshot s = builder(T0, CAP, CAP).build();

        assertThat(signal(s, depletingAt(s, T0.toEpochMilli(), 0.9), AlertType.DEPLETION_FORECAST).unknown()).isTrue();
        assertThat(signal(s, depletingAt(s, T0.toEpochMilli(), 0.9), AlertType.EXHAUSTED).entering())
                .isEqualTo(Severity.CRITICAL);
    }

    /** Defaults: bands 80/90/100, resolve margin 2 points. */
    @Test
    void aBandIsEnteredAtItsValueAndHeldDownToItMinusTheMargin() {
        PackageSnapshot at80 = builder(T0, CAP, 800_000).build();
        PackageSnapshot at78 = builder(T0, CAP, 780_000).build();
        PackageSnapshot below78 = builder(T0, CAP, 779_999).build();

        Signal band80 = band(at80, "80");
        assertThat(band80.entering()).isEqualTo(Severity.INFO);
        assertThat(band(at78, "80").entering()).isNull();
        assertThat(band(at78, "80").holding()).isEqualTo(Severity.INFO);
        assertThat(band(below78, "80").holding()).isNull();
        assertThat(band(builder(T0, CAP, 900_000).build(), "90").entering()).isEqualTo(Severity.WARNING);
        assertThat(band(builder(T0, CAP, CAP).build(), "100").entering()).isEqualTo(Severity.CRITICAL);
    }

    private Signal band(PackageSnapshot s, String band) {
        return AlertRules.evaluate(s, AlertHarness.noForecast(s), defaults).stream()
                .filter(x -> x.type() == AlertType.USAGE_THRESHOLD && band.equals(x.band())).findFirst().orElseThrow();
    }

    /** OVERFLOW is CRITICAL from 10 % of capacity billed beyond the quota (all of it without a capacity). */
    @Test
    void overflowIsCriticalFromItsPercentOfCapacity() {
        assertThat(overflow(CAP, 100_000)).isEqualTo(Severity.CRITICAL);
        assertThat(overflow(CAP, 99_999)).isEqualTo(Severity.WARNING);
        assertThat(overflow(CAP, 1)).isEqualTo(Severity.WARNING);
        assertThat(overflow(CAP, 0)).isNull();
        assertThat(overflow(0, 1)).isEqualTo(Severity.CRITICAL);
    }

    private Severity overflow(long capacity, long overflow) {
        PackageSnapshot s = builder(T0, capacity, capacity).setOverflow(overflow).build();
        return signal(s, AlertHarness.noForecast(builder(T0, CAP, CAP).build()), AlertType.OVERFLOW).entering();
    }

    /** At the expiry instant the package is expired: EXPIRED_UNUSED while something is left, never EXPIRING. */
    @Test
    void atTheExpiryInstantItIsExpiredNotExpiring() {
        PackageSnapshot left = builder(T0, CAP, 500_000).setExpiresAt(T0).build();
        PackageSnapshot usedUp = builder(T0, CAP, CAP).setExpiresAt(T0).build();

        assertThat(signal(left, wasteAtExpiry(builder(T0.minusSeconds(60), CAP, 500_000).setExpiresAt(T0).build(), 500_000),
                AlertType.EXPIRING).holding()).isNull();
        assertThat(signal(left, AlertHarness.noForecast(builder(T0, CAP, 500_000).build()), AlertType.EXPIRED_UNUSED)
                .entering()).isEqualTo(Severity.WARNING);
        assertThat(signal(usedUp, AlertHarness.noForecast(builder(T0, CAP, CAP).build()), AlertType.EXPIRED_UNUSED)
                .entering()).isNull();
    }

    /** A package without capacity (a count the vendor does not report) is not "used up" by having none left. */
    @Test
    void noCapacityIsNotExhausted() {
        PackageSnapshot s = builder(T0, 0, 0).build();
        assertThat(signal(s, depletingAt(builder(T0, CAP, 0).build(), Observation.NONE, 0), AlertType.EXHAUSTED)
                .entering()).isNull();
    }
}
