package io.packwatch.streams.alerts;

import io.packwatch.core.Amounts;
import static io.packwatch.streams.alerts.AlertHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.Severity;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Method;
import io.packwatch.streams.forecast.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The message of every alert event: instants to the second, every figure it states also in a field, and each RESOLVED
 * message saying why for each way its alert type can resolve. Transitions come from the real rules and state machine
 * (through {@link AlertHarness}); events from {@link AlertEvents#build}, as the processor builds them.
 */
class AlertMessagesTest {

    private static final long GIB = 1L << 30;
    private static final long CAP = 100 * GIB;
    /** Not on a minute: a message that rounds or truncates to the minute shows up. */
    private static final Instant EXPIRY = T0.plus(Duration.ofDays(5)).plusSeconds(14 * 60 + 26);

    private final AlertThresholds defaults = AlertSettings.defaults().resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC);
    private final AlertHarness harness = new AlertHarness(defaults);
    private final List<PackageAlert> events = new ArrayList<>();

    /** Offers {@code times} snapshots one second apart from {@code at} (enough for any confirmation count). */
    private void offer(Instant at, int times, Function<Instant, PackageSnapshot> snapshot,
                       Function<PackageSnapshot, Forecast> forecast) {
        for (int i = 0; i < times; i++) {
            PackageSnapshot s = snapshot.apply(at.plusSeconds(i));
            Forecast f = forecast.apply(s);
            for (Transition t : harness.offer(s, f)) {
                events.add(AlertEvents.build(t, s, f, s.getObservedAt(), s.getObservedAt()));
            }
        }
    }

    private void offer(Instant at, Function<Instant, PackageSnapshot> snapshot) {
        offer(at, 3, snapshot, AlertHarness::noForecast);
    }

    private static PackageSnapshot.Builder pkg(Instant at, long used) {
        return AlertHarness.builder(at, CAP, used).setExpiresAt(EXPIRY);
    }

    /** A projection at {@code ratePerHour}, running out {@code depletionAt} (NONE: never) with {@code waste} left at expiry. */
    private static Forecast projection(PackageSnapshot s, double ratePerHour, long depletionAt, long waste) {
        return new Forecast(ratePerHour, ratePerHour, Method.LEAST_SQUARES, ratePerHour, depletionAt, Observation.NONE,
                Observation.NONE, waste, s.getExpiresAt().toEpochMilli() - s.getObservedAt().toEpochMilli(),
                100d * s.getUsed() / s.getCapacity(), 10, 0.9, false);
    }

    private PackageAlert resolved(AlertType type) {
        return events.stream().filter(e -> e.getType() == type && e.getState() == AlertState.RESOLVED).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no RESOLVED " + type + " among " + events.stream().map(PackageAlert::getMessage).toList()));
    }

    private PackageAlert firing(AlertType type) {
        return events.stream().filter(e -> e.getType() == type && e.getState() == AlertState.FIRING).findFirst()
                .orElseThrow(() -> new AssertionError("no FIRING " + type + " among " + events.stream().map(PackageAlert::getMessage).toList()));
    }

    @Test
    void instantsAreToTheSecondInUtcWithTheZone() {
        offer(EXPIRY.plusSeconds(30), s -> pkg(s, 35 * GIB).setStatus(PackageStatus.EXPIRED).build());
        assertThat(firing(AlertType.EXPIRED_UNUSED).getMessage()).contains("expired 2026-11-06T00:14:26Z with 65.0 GiB unused");

        AlertHarness stale = new AlertHarness(defaults);
        PackageSnapshot last = pkg(T0.plusMillis(61_750), 10 * GIB).build();
        stale.offer(last, AlertHarness.noForecast(last));
        Transition t = stale.stale().get(0);
        assertThat(AlertEvents.build(t, last, null, last.getObservedAt(), T0.plusSeconds(300)).getMessage())
                .endsWith("no snapshot since 2026-11-01T00:01:01Z");
    }

    @Test
    void aPackageWithoutPoolSaysWhatHappensOnceItIsUsedUp() {
        Transition used = new Transition("k#EXHAUSTED", AlertType.EXHAUSTED, null, TransitionKind.OPEN, AlertState.FIRING,
                Severity.CRITICAL, 1, "e");
        PackageSnapshot lighthouse = pkg(T0, CAP).setVendor(Vendor.TENCENT).setProduct(Product.LIGHTHOUSE).build();
        assertThat(AlertEvents.build(used, lighthouse, null, T0, T0).getMessage())
                .endsWith("used up, 100.0% used, 0 B left of 100.0 GiB; then over-quota traffic is billed hourly, "
                        + "and the network may be cut if the account is in arrears");
        PackageSnapshot pooled = pkg(T0, CAP).setVendor(Vendor.TENCENT).setProduct(Product.VPC).build();
        assertThat(AlertEvents.build(used, pooled, null, T0, T0).getMessage())
                .as("a pooled package's consequence is its pool's OVERAGE_FORECAST").doesNotContain("; then");
    }

    @Test
    void expiringCarriesTheProjectedUnusedItsMessageStates() {
        Instant warn = EXPIRY.minus(Duration.ofDays(3));
        offer(warn, 3, s -> pkg(s, 50 * GIB).build(), AlertHarness::noForecast);
        PackageAlert withoutProjection = firing(AlertType.EXPIRING);
        assertThat(withoutProjection.getProjectedRemainingAtExpiry()).isEqualTo(50 * GIB);
        assertThat(withoutProjection.getMessage()).contains("with 50.0 GiB projected unused");

        AlertHarness projected = new AlertHarness(defaults);
        PackageSnapshot s = pkg(warn, 50 * GIB).build();
        Forecast f = projection(s, 0.1 * GIB, Observation.NONE, 45 * GIB);
        projected.offer(s, f);
        Transition open = projected.offer(pkg(warn.plusSeconds(1), 50 * GIB).build(), f).get(0);
        PackageAlert event = AlertEvents.build(open, s, f, s.getObservedAt(), s.getObservedAt());
        assertThat(event.getProjectedRemainingAtExpiry()).isEqualTo(45 * GIB);
        assertThat(event.getMessage()).contains("with 45.0 GiB projected unused");
    }

    @Test
    void expiringResolvesAsExpiredWithWhatWasLeftUnused() {
        offer(EXPIRY.minus(Duration.ofHours(12)), s -> pkg(s, 35 * GIB).build());
        offer(EXPIRY.plusSeconds(5), s -> pkg(s, 35 * GIB).setStatus(PackageStatus.EXPIRED).build());
        assertThat(resolved(AlertType.EXPIRING).getMessage())
                .endsWith(": expired with 65.0 GiB unused; see EXPIRED_UNUSED")
                .doesNotContain("no longer expiring");
    }

    @Test
    void expiringResolvesAsExpiredUsedUpWhenNothingWasLeft() {
        offer(EXPIRY.minus(Duration.ofHours(12)), s -> pkg(s, 35 * GIB).build());
        offer(EXPIRY.plusSeconds(5), s -> pkg(s, CAP).setStatus(PackageStatus.EXPIRED).build());
        assertThat(resolved(AlertType.EXPIRING).getMessage()).endsWith(": expired, used up");
    }

    @Test
    void expiringResolvesOnRenewalWithTheNewExpiry() {
        offer(EXPIRY.minus(Duration.ofHours(12)), s -> pkg(s, 35 * GIB).build());
        Instant renewed = EXPIRY.plus(Duration.ofDays(30));
        offer(EXPIRY.minus(Duration.ofHours(11)), s -> pkg(s, 35 * GIB).setExpiresAt(renewed).build());
        PackageAlert event = resolved(AlertType.EXPIRING);
        assertThat(event.getMessage()).contains("no longer expiring soon with capacity left: expires "
                + "2026-12-06T00:14:26Z with 65.0 GiB projected unused, 35.0% used");
        assertThat(event.getProjectedRemainingAtExpiry()).isEqualTo(65 * GIB);
    }

    @Test
    void aGonePackageSaysSoForEveryAlertItResolves() {
        offer(EXPIRY.minus(Duration.ofHours(12)), s -> pkg(s, 85 * GIB).setStatus(PackageStatus.NETWORK_DISABLED).build());
        offer(EXPIRY.minus(Duration.ofHours(11)), s -> pkg(s, 85 * GIB).setStatus(PackageStatus.DELETED).build());
        List<PackageAlert> resolved = events.stream().filter(e -> e.getState() == AlertState.RESOLVED).toList();
        assertThat(resolved).extracting(PackageAlert::getType).contains(AlertType.USAGE_THRESHOLD, AlertType.EXPIRING,
                AlertType.NETWORK_DISABLED);
        assertThat(resolved).allSatisfy(e -> assertThat(e.getMessage())
                .contains(": package DELETED (no longer listed by the vendor), 85.0% used"));
    }

    @Test
    void usageThresholdResolvesBackBelowItsBand() {
        offer(T0, s -> pkg(s, 85 * GIB).build());
        offer(T0.plusSeconds(60), s -> pkg(s, 10 * GIB).build());
        assertThat(resolved(AlertType.USAGE_THRESHOLD).getMessage()).endsWith(": back below 80%, 10.0% used, 90.0 GiB left of 100.0 GiB");
    }

    @Test
    void depletionResolvesSayingWhy() {
        Instant soon = T0.plus(Duration.ofDays(1));
        Function<PackageSnapshot, Forecast> inTwelveHours =
                s -> projection(s, 4 * GIB, s.getObservedAt().plus(Duration.ofHours(12)).toEpochMilli(), 0);
        offer(soon, 3, s -> pkg(s, 50 * GIB).build(), inTwelveHours);
        offer(soon.plusSeconds(10), 3, s -> pkg(s, 50 * GIB).build(),
                s -> projection(s, 0.01 * GIB, s.getObservedAt().plus(Duration.ofDays(20)).toEpochMilli(), 0));
        assertThat(resolved(AlertType.DEPLETION_FORECAST).getMessage())
                .contains(": expires 2026-11-06T00:14:26Z before it would run out (2026-11-22T00:00:11Z), 50.0% used");

        offer(soon.plusSeconds(20), 3, s -> pkg(s, 50 * GIB).build(), inTwelveHours);
        offer(soon.plusSeconds(30), 3, s -> pkg(s, 50 * GIB).build(), s -> projection(s, 0, Observation.NONE, 50 * GIB));
        assertThat(resolved(AlertType.DEPLETION_FORECAST).getMessage()).contains(": no longer drawn down, 50.0% used");

        Instant later = EXPIRY.plus(Duration.ofDays(60));
        offer(soon.plusSeconds(40), 3, s -> pkg(s, 50 * GIB).setExpiresAt(later).build(), inTwelveHours);
        offer(soon.plusSeconds(50), 3, s -> pkg(s, 50 * GIB).setExpiresAt(later).build(),
                s -> projection(s, 0.2 * GIB, s.getObservedAt().plus(Duration.ofDays(10)).toEpochMilli(), 0));
        assertThat(resolved(AlertType.DEPLETION_FORECAST).getMessage())
                .contains(": no longer projected to run out soon: now 2026-11-12T00:00:51Z at 204.8 MiB/h, 50.0% used");

        offer(EXPIRY.minus(Duration.ofHours(30)), 3, s -> pkg(s, 50 * GIB).build(), inTwelveHours);
        offer(EXPIRY.plusSeconds(1), 3, s -> pkg(s, 60 * GIB).setStatus(PackageStatus.EXPIRED).build(), inTwelveHours);
        assertThat(resolved(AlertType.DEPLETION_FORECAST).getMessage()).endsWith(": expired with 40.0 GiB unused; see EXPIRED_UNUSED");
    }

    @Test
    void statusAlertsResolveSayingWhatChanged() {
        offer(T0, s -> pkg(s, CAP).setStatus(PackageStatus.EXHAUSTED).setOverflow(3 * GIB).build());
        offer(T0.plusSeconds(60), s -> pkg(s, 0).setStatus(PackageStatus.NETWORK_DISABLED).build());
        offer(T0.plusSeconds(120), s -> pkg(s, 0).build());
        assertThat(resolved(AlertType.EXHAUSTED).getMessage()).endsWith(": capacity available again, 0.0% used, 100.0 GiB left of 100.0 GiB");
        assertThat(resolved(AlertType.OVERFLOW).getMessage()).endsWith(": no overflow in the current cycle, 0.0% used, 100.0 GiB left of 100.0 GiB");
        assertThat(resolved(AlertType.NETWORK_DISABLED).getMessage()).endsWith(": network enabled again (status ACTIVE)");
    }

    @Test
    void expiredUnusedResolvesOnRenewal() {
        offer(EXPIRY.plusSeconds(30), s -> pkg(s, 35 * GIB).setStatus(PackageStatus.EXPIRED).build());
        offer(EXPIRY.plusSeconds(90), s -> pkg(s, 35 * GIB).setExpiresAt(EXPIRY.plus(Duration.ofDays(30))).build());
        assertThat(resolved(AlertType.EXPIRED_UNUSED).getMessage())
                .endsWith(": renewed, now expires 2026-12-06T00:14:26Z, 35.0% used, 65.0 GiB left of 100.0 GiB");
    }

    @Test
    void staleResolvesWhenSnapshotsArriveAgain() {
        offer(T0, s -> pkg(s, 10 * GIB).build());
        PackageSnapshot last = pkg(T0.plusSeconds(2), 10 * GIB).build();
        for (Transition t : harness.stale()) {
            events.add(AlertEvents.build(t, last, null, last.getObservedAt(), T0.plusSeconds(300)));
        }
        offer(T0.plusSeconds(400), s -> pkg(s, 10 * GIB).build());
        assertThat(resolved(AlertType.STALE).getMessage()).endsWith(": snapshots arriving again");
    }

    @Test
    void coAnchoringRatesReadHoursPerHour() {
        assertThat(Amounts.rate(1787, AmountUnit.HOURS)).isEqualTo("1787 hours/h");
        assertThat(Amounts.rate(674.4, AmountUnit.MINUTES)).isEqualTo("674.4 min/h");
        assertThat(Amounts.rate(2.5 * GIB, AmountUnit.BYTES)).isEqualTo("2.5 GiB/h");
    }

    /**
     * Every scenario above, each event's message with the figures of its own fields taken out: no number may be left
     * (a figure only in the text cannot be alerted on, graphed or checked by a consumer).
     */
    private void offerBracket(Duration p10, Duration median, Duration p90) {
        offer(T0, 3, s -> pkg(s, 50 * GIB).setExpiresAt(T0.plus(Duration.ofDays(60))).build(), s -> {
            long now = s.getObservedAt().toEpochMilli();
            return new Forecast(0.3 * GIB, 0.3 * GIB, Method.LEAST_SQUARES, 0.3 * GIB, now + median.toMillis(),
                    now + p10.toMillis(), p90 == null ? Observation.NONE : now + p90.toMillis(), 0,
                    s.getExpiresAt().toEpochMilli() - now, 50, 10, 0.9, false);
        });
    }

    @Test
    void depletionStatesItsBracketAndCarriesBothEnds() {
        offerBracket(Duration.ofHours(5 * 24 + 3), Duration.ofDays(6), Duration.ofHours(6 * 24 + 20));
        PackageAlert warning = firing(AlertType.DEPLETION_FORECAST);
        assertThat(warning.getMessage()).contains(" (in 5-7 days) at ");
        assertThat(Duration.between(warning.getObservedAt(), warning.getProjectedDepletionEarliestAt()))
                .isEqualTo(Duration.ofHours(5 * 24 + 3));
        assertThat(Duration.between(warning.getObservedAt(), warning.getProjectedDepletionLatestAt()))
                .isEqualTo(Duration.ofHours(6 * 24 + 20));
    }

    @Test
    void depletionWithAnOpenLateEndSaysOrMore() {
        offerBracket(Duration.ofHours(3 * 24 + 5), Duration.ofDays(6), null);
        PackageAlert warning = firing(AlertType.DEPLETION_FORECAST);
        assertThat(warning.getMessage()).contains(" (in 3 days or more) at ");
        assertThat(warning.getProjectedDepletionEarliestAt()).isNotNull();
        assertThat(warning.getProjectedDepletionLatestAt()).isNull();
    }

    @Test
    void everyFigureInAMessageIsAlsoAField() {
        List<PackageAlert> all = new ArrayList<>();
        List<java.util.function.Consumer<AlertMessagesTest>> scenarios = List.of(
                AlertMessagesTest::instantsAreToTheSecondInUtcWithTheZone,
                AlertMessagesTest::expiringCarriesTheProjectedUnusedItsMessageStates,
                AlertMessagesTest::expiringResolvesAsExpiredWithWhatWasLeftUnused,
                AlertMessagesTest::expiringResolvesAsExpiredUsedUpWhenNothingWasLeft,
                AlertMessagesTest::expiringResolvesOnRenewalWithTheNewExpiry,
                AlertMessagesTest::aGonePackageSaysSoForEveryAlertItResolves,
                AlertMessagesTest::usageThresholdResolvesBackBelowItsBand,
                AlertMessagesTest::depletionResolvesSayingWhy,
                AlertMessagesTest::depletionStatesItsBracketAndCarriesBothEnds,
                AlertMessagesTest::depletionWithAnOpenLateEndSaysOrMore,
                AlertMessagesTest::statusAlertsResolveSayingWhatChanged,
                AlertMessagesTest::expiredUnusedResolvesOnRenewal,
                AlertMessagesTest::staleResolvesWhenSnapshotsArriveAgain);
        for (var scenario : scenarios) {
            AlertMessagesTest fresh = new AlertMessagesTest();
            scenario.accept(fresh);
            all.addAll(fresh.events);
        }
        assertThat(all).extracting(PackageAlert::getType, PackageAlert::getState).contains(
                tuple(AlertType.USAGE_THRESHOLD, AlertState.FIRING), tuple(AlertType.USAGE_THRESHOLD, AlertState.RESOLVED),
                tuple(AlertType.DEPLETION_FORECAST, AlertState.FIRING), tuple(AlertType.DEPLETION_FORECAST, AlertState.RESOLVED),
                tuple(AlertType.EXHAUSTED, AlertState.FIRING), tuple(AlertType.EXHAUSTED, AlertState.RESOLVED),
                tuple(AlertType.OVERFLOW, AlertState.FIRING), tuple(AlertType.OVERFLOW, AlertState.RESOLVED),
                tuple(AlertType.NETWORK_DISABLED, AlertState.FIRING), tuple(AlertType.NETWORK_DISABLED, AlertState.RESOLVED),
                tuple(AlertType.STALE, AlertState.RESOLVED),
                tuple(AlertType.EXPIRING, AlertState.FIRING), tuple(AlertType.EXPIRING, AlertState.RESOLVED),
                tuple(AlertType.EXPIRED_UNUSED, AlertState.FIRING), tuple(AlertType.EXPIRED_UNUSED, AlertState.RESOLVED));
        for (PackageAlert e : all) {
            assertThat(withoutFields(e)).as(e.getMessage()).doesNotContainPattern("[0-9]");
        }
    }

    private static String withoutFields(PackageAlert e) {
        String text = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
        List<String> figures = new ArrayList<>(List.of(String.format(Locale.ROOT, "%.1f%%", e.getPercentUsed()),
                Amounts.format(e.getRemaining(), e.getUnit()), Amounts.format(e.getCapacity(), e.getUnit()),
                Amounts.format(e.getOverflow(), e.getUnit()), AlertEvents.instant(e.getObservedAt())));
        if (e.getBand() != null) {
            figures.add(e.getBand() + "%");
        }
        if (e.getExpiresAt() != null) {
            figures.add(AlertEvents.instant(e.getExpiresAt()));
        }
        if (e.getProjectedDepletionAt() != null) {
            figures.add(AlertEvents.instant(e.getProjectedDepletionAt()));
        }
        if (e.getProjectedDepletionEarliestAt() != null) {
            figures.add(DepletionBracket.phrase(e.getProjectedDepletionEarliestAt().toEpochMilli(),
                    e.getProjectedDepletionLatestAt() == null ? Observation.NONE : e.getProjectedDepletionLatestAt().toEpochMilli(),
                    e.getObservedAt().toEpochMilli()));
        }
        if (e.getRatePerHour() != null) {
            figures.add(Amounts.rate(e.getRatePerHour(), e.getUnit()));
        }
        if (e.getProjectedRemainingAtExpiry() != null) {
            figures.add(Amounts.format(e.getProjectedRemainingAtExpiry(), e.getUnit()));
        }
        figures.sort((a, b) -> b.length() - a.length());
        for (String figure : figures) {
            text = text.replace(figure, "");
        }
        return text;
    }
}
