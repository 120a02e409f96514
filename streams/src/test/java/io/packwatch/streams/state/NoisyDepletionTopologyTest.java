package io.packwatch.streams.state;

import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-looking counters through the production topology, Tencent VPC reports of a 100 GB package polled every 10
 * minutes: drawn at a steady 0.25 GB/h (true depletion after 400 h), each report off by up to +-3% of the true amount
 * and 2% of them a stale repeat of the previous one; and an exact counter drawn on weekdays, with weekends (UTC+8) at
 * 30% of the weekday rate.
 */
class NoisyDepletionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String KEY = "tencent-vpc/acme/ap-guangzhou/tfp-n";
    private static final double RATE_GB_PER_HOUR = 0.25;
    private static final Instant TRUE_DEPLETION = T0.plus(Duration.ofHours(400));
    private static final Instant DEADLINE = T0.plus(Duration.ofDays(30));

    @TempDir
    Path stateDir;
    private StateFixture fx;

    @BeforeEach
    void start() {
        fx = new StateFixture(stateDir, Map.of());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** Monday 2026-11-02 00:00 in Beijing. */
    private static final Instant MONDAY = Instant.parse("2026-11-01T16:00:00Z");
    private static final double WEEKDAY_GB_PER_DAY = 6.25;
    private static final double WEEKEND_GB_PER_DAY = WEEKDAY_GB_PER_DAY * 0.3;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** GB used at {@code at} by the weekday/weekend counter started on {@link #MONDAY}. */
    private static double weekdayWeekendUsed(Instant at) {
        long elapsed = Duration.between(MONDAY, at).toMillis();
        double used = 0;
        for (long day = 0; day * DAY_MS < elapsed; day++) {
            double share = Math.min(1, (elapsed - day * DAY_MS) / (double) DAY_MS);
            used += share * (day % 7 >= 5 ? WEEKEND_GB_PER_DAY : WEEKDAY_GB_PER_DAY);
        }
        return used;
    }

    private static Instant weekdayWeekendDepletion() {
        Instant at = MONDAY;
        while (weekdayWeekendUsed(at) < 100) {
            at = at.plus(Duration.ofMinutes(1));
        }
        return at;
    }

    private void vpc(Instant at, double usedGb, Instant deadline) {
        BigDecimal used = BigDecimal.valueOf(usedGb).setScale(4, RoundingMode.HALF_UP).min(BigDecimal.valueOf(100));
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"tfp-n","TrafficPackageName":"noisy","TotalAmount":100,"Status":"AVAILABLE",
                 "CreatedTime":"2026-10-01T00:00:00Z","Deadline":"%s","DeductType":"FULL_TIME","TagSet":[]}"""
                .formatted(deadline));
        item.put("UsedAmount", used);
        item.put("RemainingAmount", BigDecimal.valueOf(100).subtract(used));
        fx.pipe(VendorApi.TENCENT_VPC, KEY, pkg("tencent-vpc", "acme", "ap-guangzhou", "p-" + at.toEpochMilli(), at, item), at);
    }

    /** Feeds the noisy series up to {@code until}; returns the instant of the last poll. */
    private Instant feedNoisySeries(Instant until) {
        Random random = new Random(14);
        double previous = -1;
        Instant at = T0;
        for (int i = 0; at.isBefore(until); i++) {
            at = T0.plus(Duration.ofMinutes(10L * i));
            double truth = RATE_GB_PER_HOUR * Duration.between(T0, at).toMillis() / 3_600_000d;
            double reported = previous >= 0 && random.nextInt(50) == 0 ? previous
                    : truth * (1 + 0.03 * (2 * random.nextDouble() - 1));
            vpc(at, reported, DEADLINE);
            previous = reported;
        }
        return at;
    }

    private static long minutesBefore(PackageAlert a) {
        return minutesBefore(a, TRUE_DEPLETION);
    }

    private static long minutesBefore(PackageAlert a, Instant depletion) {
        return Duration.between(a.getObservedAt(), depletion).toMinutes();
    }

    private List<PackageAlert> depletionForecasts() {
        return fx.depletionAlerts().stream().filter(a -> a.getType() == AlertType.DEPLETION_FORECAST).toList();
    }

    @Test
    void aNoisySteadySeriesRaisesOneWarningThenOneCriticalBeforeTheTrueDepletionAndNeverResolves() {
        feedNoisySeries(TRUE_DEPLETION.minus(Duration.ofHours(2)));
        List<PackageAlert> alerts = depletionForecasts();
        assertThat(alerts).extracting(PackageAlert::getState, PackageAlert::getSeverity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, Severity.CRITICAL));
        PackageAlert warning = alerts.get(0);
        PackageAlert critical = alerts.get(1);
        // raised when the true time left crosses each horizon, neither early nor late by more than 10% of it
        assertThat(minutesBefore(warning)).isBetween(7 * 24 * 60 * 9 / 10L, 7 * 24 * 60 * 11 / 10L);
        assertThat(minutesBefore(critical)).isBetween(24 * 60 * 9 / 10L, 24 * 60 * 11 / 10L);
        assertThat(warning.getMessage()).matches(".*projected to run out \\S+ \\(in [67]-[78] days\\) at .*");

        // the segment was never restarted by the noise, and every state after the first hour carried a projection
        List<PackageState> states = fx.states.readValuesToList();
        assertThat(states).extracting(PackageState::getSegmentId).containsOnly(0);
        assertThat(states.stream().filter(s -> Duration.between(T0, s.getSnapshot().getObservedAt()).toHours() >= 1))
                .allSatisfy(s -> {
                    assertThat(s.getProjectedDepletionAt()).isNotNull();
                    assertThat(s.getProjectedDepletionEarliestAt()).isBeforeOrEqualTo(s.getProjectedDepletionAt());
                    assertThat(s.getProjectedDepletionLatestAt()).isAfterOrEqualTo(s.getProjectedDepletionAt());
                });
    }

    @Test
    void aRenewalResolvesTheOpenForecast() {
        Instant last = feedNoisySeries(TRUE_DEPLETION.minus(Duration.ofHours(12)));
        assertThat(depletionForecasts()).extracting(PackageAlert::getSeverity)
                .containsExactly(Severity.WARNING, Severity.CRITICAL);

        // renewed for another 30 days with a fresh 100 GB: used restarts near zero, the expiry moves later
        Instant renewedAt = last.plus(Duration.ofMinutes(10));
        Instant at = renewedAt;
        for (int i = 0; i < 12; i++) {
            at = renewedAt.plus(Duration.ofMinutes(10L * i));
            vpc(at, RATE_GB_PER_HOUR * i / 6, DEADLINE.plus(Duration.ofDays(30)));
        }
        List<PackageAlert> after = depletionForecasts();
        assertThat(after).extracting(PackageAlert::getState, PackageAlert::getSeverity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, Severity.CRITICAL));
        assertThat(after.get(0).getObservedAt()).isBefore(renewedAt.plus(Duration.ofHours(1)));
    }

    @Test
    void aWeekdayWeekendSeriesRaisesOneWarningOnTimeAndNothingResolvesItUntilARenewal() {
        Instant depletion = weekdayWeekendDepletion();
        Instant deadline = MONDAY.plus(Duration.ofDays(40));
        Instant at = MONDAY;
        for (int i = 0; at.isBefore(depletion.minus(Duration.ofHours(12))); i++) {
            at = MONDAY.plus(Duration.ofMinutes(10L * i));
            vpc(at, weekdayWeekendUsed(at), deadline);
        }
        // two weekends pass while the WARNING is open (the first inside the week before depletion): neither resolves it
        List<PackageAlert> alerts = depletionForecasts();
        assertThat(alerts).extracting(PackageAlert::getState, PackageAlert::getSeverity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, Severity.CRITICAL));
        assertThat(minutesBefore(alerts.get(0), depletion)).isBetween(7 * 24 * 60 * 9 / 10L, 7 * 24 * 60 * 11 / 10L);

        Instant renewedAt = at.plus(Duration.ofMinutes(10));
        for (int i = 0; i < 12; i++) {
            at = renewedAt.plus(Duration.ofMinutes(10L * i));
            vpc(at, 0.05 * i, deadline.plus(Duration.ofDays(30)));
        }
        List<PackageAlert> after = depletionForecasts();
        assertThat(after).extracting(PackageAlert::getState, PackageAlert::getSeverity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, Severity.CRITICAL));
    }
}
