package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.DAY;
import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;
import static io.packwatch.streams.forecast.SyntheticSeries.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edges of the reset rules, of the projection horizon, and of a package without expiry. */
class ForecastEdgesTest {

    private static final ForecastSettings SETTINGS = ForecastSettings.defaults();
    private static final long CAPACITY = 100_000;
    private static final long EXPIRY = START + 30 * DAY;

    /** A segment at 50,000 used, then {@code next}: what the history makes of it under {@code settings}. */
    private static Acceptance after50k(long next, ForecastSettings settings) {
        PackageHistory h = new PackageHistory();
        long used = 50_000;
        for (int i = 0; i < 5; i++) {
            h.offer(Observation.fullTime(START + i * HOUR, "p", CAPACITY, used, EXPIRY), settings);
        }
        return h.offer(Observation.fullTime(START + 5 * HOUR, "p", CAPACITY, next, EXPIRY), settings);
    }

    /** Defaults: near zero is at most 1 % of capacity (1,000) after a larger drop; a large drop is 5 % (5,000). */
    @Test
    void resetThresholdsIncludeTheirLimits() {
        assertThat(after50k(1_000, SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(after50k(45_000, SETTINGS)).isEqualTo(Acceptance.HELD);
        assertThat(after50k(45_001, SETTINGS)).isEqualTo(Acceptance.APPLIED);
        // a drop of exactly the near-zero amount is not a reset to zero: 2,000 -> 1,000 is noise
        PackageHistory h = new PackageHistory();
        h.offer(Observation.fullTime(START, "p", CAPACITY, 2_000, EXPIRY), SETTINGS);
        assertThat(h.offer(Observation.fullTime(START + HOUR, "p", CAPACITY, 1_000, EXPIRY), SETTINGS))
                .isEqualTo(Acceptance.APPLIED);
    }

    @Test
    void theNearZeroShareIsAPercentOfCapacity() {
        ForecastSettings twoPercent = ForecastSettings.from(Map.of(ForecastSettings.PREFIX + "reset.near-zero-percent", "2"));
        assertThat(after50k(1_500, twoPercent)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(after50k(2_500, twoPercent)).isEqualTo(Acceptance.HELD);
    }

    @Test
    void aPackageWithoutExpiryHasNoTimeToExpiryAndNoWaste() {
        PackageHistory h = new PackageHistory();
        Forecast f = null;
        for (int i = 0; i < 10; i++) {
            Observation o = Observation.fullTime(START + i * HOUR, "p", CAPACITY, 1_000L * i, Observation.NONE);
            h.offer(o, SETTINGS);
            f = new Forecaster(SETTINGS).forecast(h, o);
        }

        assertThat(f.hasProjection()).isTrue();
        assertThat(f.timeToExpiryMillis()).isEqualTo(Observation.NONE);
        assertThat(f.remainingAtExpiry()).isEqualTo(-1);
        assertThat(f.depletionAt()).isEqualTo(START + 9 * HOUR + 91 * HOUR);
    }

    @Test
    void aProjectionExactlyAtTheHorizonIsStillMade() {
        assertThat(FullTimeClock.INSTANCE.instantAfter(START, 10, 10 * HOUR)).isEqualTo(START + 10 * HOUR);
        assertThat(FullTimeClock.INSTANCE.instantAfter(START, 10.001, 10 * HOUR)).isEqualTo(-1);
        assertThat(FullTimeClock.INSTANCE.drawableHours(START, START + 90 * 60_000L)).isEqualTo(1.5);
        assertThat(FullTimeClock.INSTANCE.drawableHours(START, START - HOUR)).isZero();
    }

    @Test
    void remainingIsNeverNegativeAndABracketNeedsBothEnds() {
        assertThat(Observation.fullTime(START, "p", 100, 30, EXPIRY).remaining()).isEqualTo(70);
        assertThat(Observation.fullTime(START, "p", 100, 130, EXPIRY).remaining()).isZero();
        Forecast open = new Forecast(1, 1, Method.LEAST_SQUARES, 1, START + DAY, START + HOUR, Observation.NONE, -1,
                Observation.NONE, 50, 10, 0.9, false);
        Forecast closed = new Forecast(1, 1, Method.LEAST_SQUARES, 1, START + DAY, START + HOUR, START + 2 * DAY, -1,
                Observation.NONE, 50, 10, 0.9, false);
        assertThat(open.hasBracket()).isFalse();
        assertThat(closed.hasBracket()).isTrue();
    }

    private static Forecast lastOf(long[] minutes, long[] used) {
        PackageHistory h = new PackageHistory();
        Forecast f = null;
        for (int i = 0; i < minutes.length; i++) {
            Observation o = Observation.fullTime(START + minutes[i] * 60_000L, "p", CAPACITY, used[i], EXPIRY);
            h.offer(o, SETTINGS);
            f = new Forecaster(SETTINGS).forecast(h, o);
        }
        return f;
    }

    /** Defaults: three samples over 15 minutes make the first forecast; the slope is used from a 6 h span. */
    @Test
    void theMinimumHistoryAndTheSlopeSpanIncludeTheirLimits() {
        assertThat(lastOf(new long[] {0, 5, 15}, new long[] {0, 5, 15}).method()).isEqualTo(Method.EWMA);
        assertThat(lastOf(new long[] {0, 5, 14}, new long[] {0, 5, 14}).method()).isEqualTo(Method.NONE);
        assertThat(lastOf(new long[] {0, 20}, new long[] {0, 20}).method()).isEqualTo(Method.NONE);
        // three points 3 h apart: the smallest regression, spanning exactly the 6 h the slope needs
        assertThat(lastOf(new long[] {0, 180, 360}, new long[] {0, 300, 600}).method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(lastOf(new long[] {0, 180, 359}, new long[] {0, 300, 598}).method()).isEqualTo(Method.EWMA);
    }

    @Test
    void aPackageWithoutCapacityIsZeroPercentUsed() {
        Observation o = Observation.fullTime(START, "p", 0, 0, EXPIRY);
        PackageHistory h = new PackageHistory();
        h.offer(o, SETTINGS);
        assertThat(new Forecaster(SETTINGS).forecast(h, o).percentUsed()).isZero();
    }
}
