package io.packwatch.streams.alerts;

import static io.packwatch.streams.alerts.AlertHarness.KEY;
import static io.packwatch.streams.alerts.AlertHarness.T0;
import static io.packwatch.streams.alerts.AlertHarness.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
 * DEPLETION_FORECAST's bracket hysteresis: a WARNING opens on the median projection once the bracket's late end (P90)
 * is within the relaxed horizon; an open alert resolves or de-escalates only when the early end (P10) leaves the
 * relaxed horizon, horizon x (1 + resolve margin). Each boundary is probed one minute either side, so a margin applied
 * as 1 - m, x m or / m fails.
 */
class DepletionHysteresisTest {

    private static final long CAP = 1_000_000;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** 7 days x 1.1 with the default margin 0.1. */
    private static final Duration RELAXED_WARN = Duration.ofHours(184).plusMinutes(48);
    /** 24 h x 1.1. */
    private static final Duration RELAXED_CRITICAL = Duration.ofMinutes(24 * 66);
    private final AlertThresholds defaults = thresholds(Map.of());

    private static AlertThresholds thresholds(Map<String, String> config) {
        return new AlertSettings(config).resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC);
    }

    private static Signal depletion(AlertThresholds t, Duration p10, Duration median, Duration p90) {
        PackageSnapshot s = snapshot(T0, CAP, CAP / 2);
        return AlertRules.evaluate(s, bracket(s, p10, median, p90), t).stream()
                .filter(x -> x.type() == AlertType.DEPLETION_FORECAST).findFirst().orElseThrow();
    }

    private static Forecast bracket(PackageSnapshot s, Duration p10, Duration median, Duration p90) {
        long now = s.getObservedAt().toEpochMilli();
        return new Forecast(1, 1, Method.LEAST_SQUARES, 1, now + median.toMillis(), now + p10.toMillis(),
                p90 == null ? Observation.NONE : now + p90.toMillis(), 0,
                s.getExpiresAt().toEpochMilli() - now, 50, 100, 0.9, false);
    }

    @Test
    void anOpenWarningHoldsExactlyWhileTheEarlyEndIsInsideTheHorizonTimesOnePlusTheMargin() {
        Duration far = Duration.ofDays(30);
        assertThat(RELAXED_WARN).isEqualTo(Duration.ofMillis((long) (Duration.ofDays(7).toMillis() * 1.1)));
        assertThat(depletion(defaults, RELAXED_WARN.minus(MINUTE), far, far).holding()).isEqualTo(Severity.WARNING);
        assertThat(depletion(defaults, RELAXED_WARN.plus(MINUTE), far, far).holding()).isNull();
        // the median inside the relaxed horizon holds too, whatever the bracket says
        assertThat(depletion(defaults, far, RELAXED_WARN.minus(MINUTE), far).holding()).isEqualTo(Severity.WARNING);
        // between the horizon and the relaxed horizon: holding, not entering
        Signal gray = depletion(defaults, Duration.ofDays(7).plus(MINUTE), Duration.ofDays(7).plus(MINUTE), null);
        assertThat(gray.entering()).isNull();
        assertThat(gray.holding()).isEqualTo(Severity.WARNING);
    }

    @Test
    void anOpenCriticalHoldsExactlyWhileTheEarlyEndIsInsideTwentyFourHoursTimesOnePlusTheMargin() {
        Duration later = Duration.ofDays(3);
        assertThat(depletion(defaults, RELAXED_CRITICAL.minus(MINUTE), later, later).holding()).isEqualTo(Severity.CRITICAL);
        assertThat(depletion(defaults, RELAXED_CRITICAL.plus(MINUTE), later, later).holding()).isEqualTo(Severity.WARNING);
    }

    @Test
    void theResolveMarginSettingMovesTheEdge() {
        AlertThresholds wide = thresholds(Map.of("packwatch.alerts.horizon.resolve-margin", "0.25"));
        Duration edge = Duration.ofHours(7 * 24 + 42); // 7 d x 1.25
        Duration far = Duration.ofDays(30);
        assertThat(depletion(wide, edge.minus(MINUTE), far, far).holding()).isEqualTo(Severity.WARNING);
        assertThat(depletion(wide, edge.plus(MINUTE), far, far).holding()).isNull();
        assertThat(depletion(wide, Duration.ofDays(6), Duration.ofDays(6), edge.minus(MINUTE)).entering()).isEqualTo(Severity.WARNING);
        assertThat(depletion(wide, Duration.ofDays(6), Duration.ofDays(6), edge.plus(MINUTE)).entering()).isNull();
    }

    @Test
    void aWarningOpensOnTheMedianOnlyOnceTheLateEndIsInsideTheRelaxedHorizon() {
        Duration median = Duration.ofDays(6);
        Duration p10 = Duration.ofDays(5);
        assertThat(depletion(defaults, p10, median, RELAXED_WARN.minus(MINUTE)).entering()).isEqualTo(Severity.WARNING);
        assertThat(depletion(defaults, p10, median, RELAXED_WARN.plus(MINUTE)).entering()).isNull();
        // an open late end (too uncertain to bound) does not hold it back
        assertThat(depletion(defaults, p10, median, null).entering()).isEqualTo(Severity.WARNING);
        // the median outside the horizon does not open, whatever the bracket
        assertThat(depletion(defaults, p10, Duration.ofDays(7).plus(MINUTE), Duration.ofDays(7).plus(MINUTE)).entering()).isNull();
    }

    @Test
    void criticalIsNeverHeldBackByTheLateEnd() {
        assertThat(depletion(defaults, Duration.ofHours(10), Duration.ofHours(20), Duration.ofDays(12)).entering())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aProjectionThatAWeekendMovesBeyondTheHorizonResolvesNothingWhileTheEarlyEndStaysIn() {
        AlertHarness h = new AlertHarness(defaults);
        int minute = 0;
        // weekdays: projected in 6.5 days, the bracket reaching to the longer run's 7.5 days
        for (int i = 0; i < 2; i++) {
            offer(h, minute++, Duration.ofDays(6), Duration.ofHours(156), Duration.ofHours(180));
        }
        // a weekend: the window's rate drops, its projection moves to 12 days; the longer run still says 6 days
        for (int i = 0; i < 100; i++) {
            offer(h, minute++, Duration.ofDays(6), Duration.ofDays(12), Duration.ofDays(13));
        }
        // the usage really stops: both ends leave the relaxed horizon, two confirmations resolve
        for (int i = 0; i < 2; i++) {
            offer(h, minute++, RELAXED_WARN.plus(MINUTE), Duration.ofDays(20), Duration.ofDays(25));
        }
        assertThat(h.transitions).filteredOn(t -> t.type() == AlertType.DEPLETION_FORECAST)
                .extracting(Transition::kind, Transition::severity, Transition::alertKey)
                .containsExactly(
                        tuple(TransitionKind.OPEN, Severity.WARNING, KEY + "#DEPLETION_FORECAST"),
                        tuple(TransitionKind.RESOLVE, Severity.WARNING, KEY + "#DEPLETION_FORECAST"));
    }

    private static void offer(AlertHarness h, int minute, Duration p10, Duration median, Duration p90) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        PackageSnapshot s = snapshot(at, CAP, CAP / 2);
        h.offer(s, bracket(s, p10, median, p90));
    }
}
