package io.packwatch.streams.alerts;

import static io.packwatch.streams.alerts.AlertHarness.KEY;
import static io.packwatch.streams.alerts.AlertHarness.T0;
import static io.packwatch.streams.alerts.AlertHarness.forecast;
import static io.packwatch.streams.alerts.AlertHarness.noForecast;
import static io.packwatch.streams.alerts.AlertHarness.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Severity;
import io.packwatch.schema.Vendor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class AlertStateMachineTest {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStateMachineTest.class);
    private static final long CAP = 1_000_000;
    private final AlertThresholds defaults = AlertSettings.defaults().resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC);

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private List<Transition> usage(AlertHarness h, int minute, double percent) {
        PackageSnapshot s = snapshot(at(minute), CAP, Math.round(CAP * percent / 100));
        return h.offer(s, noForecast(s));
    }

    @Test
    void noFlappingOnNoiseAroundAThresholdAndPrometheusStyleComparison() {
        AlertHarness h = new AlertHarness(defaults);
        Random random = new Random(5);
        int naiveChanges = 0;
        boolean naiveFiring = false;
        for (int i = 0; i < 500; i++) {
            double pct = 80 + (random.nextDouble() * 2 - 1) * 1.5; // 78.5 .. 81.5
            usage(h, i, pct);
            boolean above = pct >= 80;   // what "alert on every evaluation" does
            if (above != naiveFiring) {
                naiveChanges++;
                naiveFiring = above;
            }
        }
        List<Transition> band80 = h.transitions.stream().filter(t -> "80".equals(t.band())).toList();
        LOG.info("noise 78.5-81.5% over 500 snapshots: packwatch {} transition(s), naive threshold {} firing/resolved changes",
                band80.size(), naiveChanges);
        assertThat(band80).extracting(Transition::kind, Transition::state, Transition::severity)
                .containsExactly(tuple(TransitionKind.OPEN, AlertState.FIRING, Severity.INFO));
        assertThat(naiveChanges).isGreaterThan(100);
    }

    @Test
    void oneFiringPerEpisodeAndResolveNeedsTheMargin() {
        AlertHarness h = new AlertHarness(defaults);
        usage(h, 0, 70);
        assertThat(usage(h, 1, 85)).isEmpty();                        // first confirmation only
        assertThat(usage(h, 2, 86)).extracting(Transition::alertKey, Transition::state, Transition::sequence)
                .containsExactly(tuple(KEY + "#USAGE_THRESHOLD#80", AlertState.FIRING, 1L));
        for (int m = 3; m < 50; m++) {
            assertThat(usage(h, m, 86 + (m % 3))).isEmpty();           // still in the episode: nothing
        }
        assertThat(usage(h, 50, 79)).isEmpty();                       // below 80 but inside the 2-point margin
        assertThat(usage(h, 51, 78.5)).isEmpty();
        assertThat(usage(h, 52, 77)).isEmpty();                       // cleared: first confirmation
        List<Transition> resolved = usage(h, 53, 77);
        assertThat(resolved).extracting(Transition::kind, Transition::state, Transition::severity, Transition::sequence)
                .containsExactly(tuple(TransitionKind.RESOLVE, AlertState.RESOLVED, Severity.INFO, 2L));
        // a new episode gets a new sequence and so a new event id
        usage(h, 54, 81);
        List<Transition> reopened = usage(h, 55, 81);
        assertThat(reopened).singleElement().satisfies(t -> {
            assertThat(t.sequence()).isEqualTo(3);
            assertThat(t.eventId()).isNotEqualTo(h.transitions.get(0).eventId());
        });
    }

    @Test
    void oneConfirmationThatDoesNotRepeatIsDropped() {
        AlertHarness h = new AlertHarness(defaults);
        usage(h, 0, 85);
        usage(h, 1, 70);   // the spike did not confirm
        usage(h, 2, 85);
        usage(h, 3, 70);
        assertThat(h.transitions).isEmpty();
    }

    @Test
    void bandsAreSeparateAlertsWithTheirOwnSeverity() {
        AlertHarness h = new AlertHarness(defaults);
        usage(h, 0, 95);
        usage(h, 1, 95);
        usage(h, 2, 100);
        usage(h, 3, 100);
        assertThat(h.transitions).extracting(Transition::band, Transition::severity, Transition::type)
                .containsExactly(
                        tuple("80", Severity.INFO, AlertType.USAGE_THRESHOLD),
                        tuple("90", Severity.WARNING, AlertType.USAGE_THRESHOLD),
                        tuple(null, Severity.CRITICAL, AlertType.EXHAUSTED),   // a vendor fact: no confirmation needed
                        tuple("100", Severity.CRITICAL, AlertType.USAGE_THRESHOLD));
    }

    @Test
    void depletionForecastEscalatesDeEscalatesAndResolvesWithHysteresis() {
        AlertHarness h = new AlertHarness(defaults);
        List<Transition> all = h.transitions;
        depletionIn(h, 0, Duration.ofDays(10));
        depletionIn(h, 1, Duration.ofDays(6));
        depletionIn(h, 2, Duration.ofDays(6));     // OPEN WARNING
        depletionIn(h, 3, Duration.ofHours(20));
        depletionIn(h, 4, Duration.ofHours(20));   // ESCALATE CRITICAL
        depletionIn(h, 5, Duration.ofHours(25));   // within 24h * 1.1: stays CRITICAL
        depletionIn(h, 6, Duration.ofHours(25));
        depletionIn(h, 7, Duration.ofDays(3));
        depletionIn(h, 8, Duration.ofDays(3));     // DE_ESCALATE WARNING
        depletionIn(h, 9, Duration.ofDays(7).plusHours(6)); // within 7d * 1.1: holds
        depletionIn(h, 10, Duration.ofDays(7).plusHours(6));
        depletionNone(h, 11);                       // no forecast: holds, never resolves on missing data
        depletionIn(h, 12, Duration.ofDays(9));
        depletionIn(h, 13, Duration.ofDays(9));    // RESOLVE
        List<Transition> depletion = all.stream().filter(t -> t.type() == AlertType.DEPLETION_FORECAST).toList();
        assertThat(depletion).extracting(Transition::kind, Transition::severity, Transition::sequence)
                .containsExactly(
                        tuple(TransitionKind.OPEN, Severity.WARNING, 1L),
                        tuple(TransitionKind.ESCALATE, Severity.CRITICAL, 2L),
                        tuple(TransitionKind.DE_ESCALATE, Severity.WARNING, 3L),
                        tuple(TransitionKind.RESOLVE, Severity.WARNING, 4L));
        assertThat(depletion).extracting(Transition::alertKey).containsOnly(KEY + "#DEPLETION_FORECAST");
    }

    @Test
    void depletionAfterExpiryIsNotAlertedAndLowConfidenceDoesNotOpen() {
        AlertHarness h = new AlertHarness(defaults);
        for (int m = 0; m < 3; m++) {
            PackageSnapshot s = AlertHarness.builder(at(m), CAP, CAP / 2).setExpiresAt(at(m).plus(Duration.ofDays(2))).build();
            h.offer(s, forecast(s, at(m).plus(Duration.ofDays(3)).toEpochMilli(), 0.9));
            PackageSnapshot s2 = snapshot(at(m), CAP, CAP / 2);
            h.offer(s2, forecast(s2, at(m).plus(Duration.ofHours(3)).toEpochMilli(), 0.05));
        }
        assertThat(h.transitions).noneMatch(t -> t.type() == AlertType.DEPLETION_FORECAST);
    }

    @Test
    void staleOnAGapAndNoFalseResolvedAfterwards() {
        AlertHarness h = new AlertHarness(defaults);
        usage(h, 0, 85);
        usage(h, 1, 85);
        assertThat(h.transitions).hasSize(1);
        List<Transition> stale = h.stale();
        assertThat(stale).extracting(Transition::type, Transition::state).containsExactly(tuple(AlertType.STALE, AlertState.FIRING));
        assertThat(h.stale()).isEmpty();                         // one FIRING per gap, however long
        // data returns, still above 80%: only STALE resolves
        List<Transition> back = usage(h, 90, 85);
        assertThat(back).extracting(Transition::type, Transition::state).containsExactly(tuple(AlertType.STALE, AlertState.RESOLVED));
        assertThat(h.trackers.get(KEY + "#USAGE_THRESHOLD#80").isFiring()).isTrue();
    }

    @Test
    void statusAlertsOpenOnTheFirstSnapshotAndGonePackagesResolveEverything() {
        AlertHarness h = new AlertHarness(defaults);
        PackageSnapshot disabled = AlertHarness.builder(at(0), CAP, CAP / 2).setStatus(PackageStatus.NETWORK_DISABLED)
                .setOverflow(CAP / 5).build();
        assertThat(h.offer(disabled, noForecast(disabled))).extracting(Transition::type, Transition::severity)
                .containsExactlyInAnyOrder(tuple(AlertType.NETWORK_DISABLED, Severity.CRITICAL), tuple(AlertType.OVERFLOW, Severity.CRITICAL));
        PackageSnapshot deleted = AlertHarness.builder(at(1), CAP, CAP / 2).setStatus(PackageStatus.DELETED).build();
        assertThat(h.offer(deleted, noForecast(deleted))).extracting(Transition::type, Transition::state)
                .containsExactlyInAnyOrder(tuple(AlertType.NETWORK_DISABLED, AlertState.RESOLVED), tuple(AlertType.OVERFLOW, AlertState.RESOLVED));
    }

    @Test
    void aGonePackageResolvesEveryAlertAtOnce() {
        AlertHarness h = new AlertHarness(defaults);
        usage(h, 0, 95);
        usage(h, 1, 95);
        assertThat(h.transitions).hasSize(2);
        PackageSnapshot deleted = AlertHarness.builder(at(2), CAP, Math.round(CAP * 0.95)).setStatus(PackageStatus.DELETED).build();
        assertThat(h.offer(deleted, noForecast(deleted))).extracting(Transition::alertKey, Transition::state).containsExactly(
                tuple(KEY + "#USAGE_THRESHOLD#80", AlertState.RESOLVED), tuple(KEY + "#USAGE_THRESHOLD#90", AlertState.RESOLVED));
    }

    @Test
    void expiringNeedsWasteAndExpiredUnusedTakesOver() {
        AlertHarness h = new AlertHarness(defaults);
        Instant expiry = at(0).plus(Duration.ofDays(5));
        for (int m = 0; m < 2; m++) {
            PackageSnapshot s = AlertHarness.builder(at(m), CAP, CAP / 2).setExpiresAt(expiry).build();
            h.offer(s, forecast(s, Long.MIN_VALUE, 0));
        }
        assertThat(h.transitions).extracting(Transition::type, Transition::severity).containsExactly(tuple(AlertType.EXPIRING, Severity.WARNING));
        for (int d = 0; d < 2; d++) {
            Instant t = expiry.minus(Duration.ofHours(12)).plusSeconds(d);
            PackageSnapshot s = AlertHarness.builder(t, CAP, CAP / 2).setExpiresAt(expiry).build();
            h.offer(s, noForecast(s));
        }
        for (int d = 0; d < 2; d++) {
            Instant t = expiry.plusSeconds(60 + d);
            PackageSnapshot s = AlertHarness.builder(t, CAP, CAP / 2).setExpiresAt(expiry).setStatus(PackageStatus.EXPIRED).build();
            h.offer(s, noForecast(s));
        }
        assertThat(h.transitions).extracting(Transition::type, Transition::kind, Transition::severity).containsExactly(
                tuple(AlertType.EXPIRING, TransitionKind.OPEN, Severity.WARNING),
                tuple(AlertType.EXPIRING, TransitionKind.ESCALATE, Severity.CRITICAL),
                tuple(AlertType.EXPIRED_UNUSED, TransitionKind.OPEN, Severity.WARNING),
                tuple(AlertType.EXPIRING, TransitionKind.RESOLVE, Severity.CRITICAL));
    }

    @Test
    void expiringStaysSilentWhileProjectedWasteAtExpiryIsNotAboveTheThreshold() {
        // Half the package is left now (50% > the 10% waste threshold: without a forecast it would fire, see
        // expiringNeedsWasteAndExpiredUnusedTakesOver), but the forecast projects it drawn down to at most 10% by expiry.
        Instant expiry = at(0).plus(Duration.ofDays(5));
        for (long waste : new long[] {0, CAP / 20, CAP / 10}) {       // 0%, 5%, exactly 10% (the rule needs "> 10%")
            AlertHarness h = new AlertHarness(defaults);
            for (int m = 0; m < 5; m++) {                              // inside expiring.warn (P7D)
                PackageSnapshot s = AlertHarness.builder(at(m), CAP, CAP / 2).setExpiresAt(expiry).build();
                assertThat(AlertRules.evaluate(s, AlertHarness.wasteAtExpiry(s, waste), defaults))
                        .filteredOn(x -> x.type() == AlertType.EXPIRING).singleElement()
                        .satisfies(x -> assertThat(x.entering()).isNull());
                h.offer(s, AlertHarness.wasteAtExpiry(s, waste));
            }
            for (int d = 0; d < 5; d++) {                              // inside expiring.critical (PT24H)
                PackageSnapshot s = AlertHarness.builder(expiry.minus(Duration.ofHours(12)).plusSeconds(d), CAP, CAP / 2)
                        .setExpiresAt(expiry).build();
                h.offer(s, AlertHarness.wasteAtExpiry(s, waste));
            }
            assertThat(h.transitions).as("projected waste %d of %d", waste, CAP).isEmpty();
            assertThat(h.trackers.get(KEY + "#EXPIRING").isFiring()).isFalse();
        }

        // without a projection the current remaining is the waste: 5% left 12 h before expiry stays silent too
        AlertHarness noProjection = new AlertHarness(defaults);
        for (int d = 0; d < 5; d++) {
            PackageSnapshot s = AlertHarness.builder(expiry.minus(Duration.ofHours(12)).plusSeconds(d), CAP, CAP - CAP / 20)
                    .setExpiresAt(expiry).build();
            noProjection.offer(s, noForecast(s));
        }
        assertThat(noProjection.transitions).noneMatch(x -> x.type() == AlertType.EXPIRING);

        // control: the same series with a projected waste just above 10% does fire
        AlertHarness above = new AlertHarness(defaults);
        for (int m = 0; m < 2; m++) {
            PackageSnapshot s = AlertHarness.builder(at(m), CAP, CAP / 2).setExpiresAt(expiry).build();
            above.offer(s, AlertHarness.wasteAtExpiry(s, CAP / 10 + CAP / 1000));
        }
        assertThat(above.transitions).extracting(Transition::type, Transition::kind, Transition::severity)
                .containsExactly(tuple(AlertType.EXPIRING, TransitionKind.OPEN, Severity.WARNING));
    }

    @Test
    void eventIdsAreDeterministic() {
        AlertHarness a = new AlertHarness(defaults);
        AlertHarness b = new AlertHarness(defaults);
        for (int m = 0; m < 20; m++) {
            usage(a, m, 70 + m * 2);
            usage(b, m, 70 + m * 2);
        }
        assertThat(a.transitions).isNotEmpty().isEqualTo(b.transitions);
        assertThat(a.transitions).extracting(Transition::eventId).doesNotHaveDuplicates();
    }

    @Test
    void thresholdsAreConfigurablePerVendorApiAndKind() {
        AlertSettings settings = new AlertSettings(Map.of(
                "packwatch.alerts.usage.bands", "50,75",
                "packwatch.alerts.tencent-live.co_anchoring.usage.bands", "95",
                "packwatch.alerts.baidu.confirm-snapshots", "4",
                "packwatch.alerts.traffic.depletion.warn", "P3D"));
        assertThat(settings.resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC).usageBands()).containsExactly(50, 75);
        assertThat(settings.resolve(Vendor.TENCENT, Product.LIVE, PackageKind.CO_ANCHORING).usageBands()).containsExactly(95);
        assertThat(settings.resolve(Vendor.BAIDU, Product.EIP, PackageKind.TRAFFIC).confirmSnapshots()).isEqualTo(4);
        assertThat(settings.resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC).confirmSnapshots()).isEqualTo(2);
        assertThat(settings.resolve(Vendor.TENCENT, Product.LIVE, PackageKind.TRANSCODE).depletionWarn()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC).depletionWarn()).isEqualTo(Duration.ofDays(3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AlertSettings(Map.of("packwatch.alerts.stale.intervals", "zero")))
                .hasMessageContaining("packwatch.alerts.stale.intervals").hasMessageContaining("zero");
    }

    private static void depletionIn(AlertHarness h, int minute, Duration in) {
        PackageSnapshot s = snapshot(at(minute), CAP, CAP / 2);
        h.offer(s, forecast(s, at(minute).plus(in).toEpochMilli(), 0.9));
    }

    private static void depletionNone(AlertHarness h, int minute) {
        PackageSnapshot s = snapshot(at(minute), CAP, CAP / 2);
        h.offer(s, noForecast(s));
    }
}
