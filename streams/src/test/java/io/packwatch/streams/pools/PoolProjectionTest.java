package io.packwatch.streams.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.forecast.FullTimeClock;
import io.packwatch.streams.forecast.Observation;
import io.packwatch.streams.forecast.OffPeakClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draw-order walk alone: turns, waste and the overage instant. */
class PoolProjectionTest {

    private static final long GIB = 1L << 30;
    private static final long NOW = Instant.parse("2026-11-01T16:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HORIZON = NOW + 3650 * DAY;
    /** 30 GiB a day. */
    private static final double RATE = 30d * GIB / 24;

    private static Member member(String id, long capacity, long used, long expiresAt) {
        return new Member("baidu-eip/acme/bj/" + id, id, null, PackageStatus.ACTIVE, capacity, used,
                Observation.NONE, Observation.NONE, expiresAt, NOW);
    }

    @Test
    void workedExampleOfSection11OverageStartsOnDay20NotOnDay3() {
        List<Member> pool = List.of(member("p1", 100 * GIB, 0, NOW + 5 * DAY), member("p2", 500 * GIB, 0, NOW + 30 * DAY));
        PoolProjection.Result r = PoolProjection.project(pool, FullTimeClock.INSTANCE, NOW, RATE, HORIZON);
        assertThat(r.overageAt()).isEqualTo(NOW + 20 * DAY);
        assertThat(r.turns()).containsExactly(
                new PoolProjection.Turn(NOW, NOW + 80 * HOUR, 0),
                new PoolProjection.Turn(NOW + 80 * HOUR, NOW + 20 * DAY, 0));
        assertThat(r.waste()).isZero();
    }

    @Test
    void aPackageExpiringDuringItsTurnWastesWhatTheRateDoesNotReachAndTheNextTakesOverAtItsExpiry() {
        List<Member> pool = List.of(member("p1", 100 * GIB, 0, NOW + 2 * DAY), member("p2", 500 * GIB, 0, NOW + 30 * DAY));
        PoolProjection.Result r = PoolProjection.project(pool, FullTimeClock.INSTANCE, NOW, RATE, HORIZON);
        assertThat(r.turns().get(0)).isEqualTo(new PoolProjection.Turn(NOW, NOW + 2 * DAY, 40 * GIB));
        assertThat(r.turns().get(1).drawStartAt()).isEqualTo(NOW + 2 * DAY);
        assertThat(r.overageAt()).isEqualTo(NOW + 2 * DAY + 400 * HOUR);
        assertThat(r.waste()).isEqualTo(40 * GIB);
    }

    @Test
    void aWaitingPackageThatExpiresDuringItsLateTurnWastesTheRest() {
        List<Member> pool = List.of(member("p1", 100 * GIB, 0, NOW + 5 * DAY), member("p2", 500 * GIB, 0, NOW + 10 * DAY));
        PoolProjection.Result r = PoolProjection.project(pool, FullTimeClock.INSTANCE, NOW, RATE, HORIZON);
        // p2 drawn from hour 80 to day 10: 160 hours at 1.25 GiB/h = 200 GiB, 300 GiB left at its expiry
        assertThat(r.turns().get(1)).isEqualTo(new PoolProjection.Turn(NOW + 80 * HOUR, NOW + 10 * DAY, 300 * GIB));
        assertThat(r.overageAt()).isEqualTo(NOW + 10 * DAY);
    }

    @Test
    void anIdleLaneAdvancesOnlyThroughItsWindow() {
        // NOW is 00:00 Beijing; 20 GiB at 1 GiB per drawable hour: two whole windows and half of the third
        OffPeakClock night = OffPeakClock.of("00:00", "08:00", "Asia/Shanghai");
        List<Member> pool = List.of(member("idle", 20 * GIB, 0, NOW + 30 * DAY));
        PoolProjection.Result r = PoolProjection.project(pool, night, NOW, GIB, HORIZON);
        assertThat(Instant.ofEpochMilli(r.overageAt())).isEqualTo(Instant.parse("2026-11-03T20:00:00Z"));
    }

    @Test
    void aPackageNotYetValidStartsItsTurnAtItsStart() {
        Member later = new Member("k/p2", "p2", null, PackageStatus.NOT_STARTED, 10 * GIB, 0, Observation.NONE,
                NOW + 2 * DAY, NOW + 30 * DAY, NOW);
        List<Member> pool = List.of(member("p1", 10 * GIB, 0, NOW + 5 * DAY), later);
        PoolProjection.Result r = PoolProjection.project(pool, FullTimeClock.INSTANCE, NOW, GIB, HORIZON);
        assertThat(r.turns().get(1)).isEqualTo(new PoolProjection.Turn(NOW + 2 * DAY, NOW + 2 * DAY + 10 * HOUR, 0));
    }

    @Test
    void withoutARateNothingIsProjected() {
        List<Member> pool = List.of(member("p1", 100 * GIB, 0, NOW + 5 * DAY));
        PoolProjection.Result r = PoolProjection.project(pool, FullTimeClock.INSTANCE, NOW, Double.NaN, HORIZON);
        assertThat(r.overageAt()).isEqualTo(Observation.NONE);
        assertThat(r.turns()).containsExactly(new PoolProjection.Turn(Observation.NONE, Observation.NONE, 0));
    }

    @Test
    void beyondTheHorizonTheOverageIsNotStatedButWhatExpiresInsideItIsWasted() {
        long horizon = NOW + 10 * DAY;
        List<Member> pool = List.of(member("p1", 1000 * GIB, 0, Observation.NONE), member("p2", 5 * GIB, 0, NOW + 9 * DAY));
        // the one without expiry is drawn last; p2 first: 4 hours
        PoolProjection.Result r = PoolProjection.project(List.of(pool.get(1), pool.get(0)), FullTimeClock.INSTANCE, NOW,
                1.25 * GIB, horizon);
        assertThat(r.turns().get(0).drawEndAt()).isEqualTo(NOW + 4 * HOUR);
        assertThat(r.turns().get(1)).isEqualTo(new PoolProjection.Turn(NOW + 4 * HOUR, Observation.NONE, 0));
        assertThat(r.overageAt()).isEqualTo(Observation.NONE);

        PoolProjection.Result idle = PoolProjection.project(pool, FullTimeClock.INSTANCE, NOW, 0, horizon);
        assertThat(idle.turns()).extracting(PoolProjection.Turn::waste).containsExactly(0L, 5 * GIB);
        assertThat(idle.overageAt()).isEqualTo(Observation.NONE);
    }

    @Test
    void aPoolWithNothingLeftIsInOverageNow() {
        List<Member> pool = List.of(member("p1", 100 * GIB, 100 * GIB, NOW + 5 * DAY));
        assertThat(PoolProjection.project(pool, FullTimeClock.INSTANCE, NOW, RATE, HORIZON).overageAt()).isEqualTo(NOW);
    }

    @Test
    void drawOrderIsEarliestExpiryThenTheRulesTieBreakThenId() {
        Member a = new Member("k/a", "a", null, PackageStatus.ACTIVE, 1, 0, 2 * DAY, Observation.NONE, 10 * DAY, NOW);
        Member b = new Member("k/b", "b", null, PackageStatus.ACTIVE, 1, 0, DAY, Observation.NONE, 10 * DAY, NOW);
        Member c = new Member("k/c", "c", null, PackageStatus.ACTIVE, 1, 0, DAY, Observation.NONE, 10 * DAY, NOW);
        Member d = new Member("k/d", "d", null, PackageStatus.ACTIVE, 1, 0, 0, Observation.NONE, 5 * DAY, NOW);
        Member never = new Member("k/e", "e", null, PackageStatus.ACTIVE, 1, 0, 0, Observation.NONE, Observation.NONE, NOW);
        List<Member> sorted = new java.util.ArrayList<>(List.of(never, a, c, b, d));
        sorted.sort(DrawOrder.of(io.packwatch.core.VendorApi.BAIDU_EIP.poolRule()));
        assertThat(sorted).extracting(Member::packageId).containsExactly("d", "b", "c", "a", "e");
    }

    @Test
    void consumptionIgnoresJoinsAndCountsARenewalInPlaceFromZero() {
        Member before = member("p1", 100 * GIB, 90 * GIB, NOW + 5 * DAY);
        assertThat(PoolProcessor.consumed(null, before)).isZero();
        assertThat(PoolProcessor.consumed(before, member("p1", 100 * GIB, 95 * GIB, NOW + 5 * DAY))).isEqualTo(5 * GIB);
        assertThat(PoolProcessor.consumed(before, member("p1", 100 * GIB, 2 * GIB, NOW + 35 * DAY))).isEqualTo(2 * GIB);
        assertThat(PoolProcessor.consumed(before, member("p1", 100 * GIB, 89 * GIB, NOW + 5 * DAY))).isEqualTo(-GIB);
    }
}
