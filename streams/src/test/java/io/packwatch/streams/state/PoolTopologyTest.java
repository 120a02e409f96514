package io.packwatch.streams.state;

import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PoolMember;
import io.packwatch.schema.PoolState;
import io.packwatch.schema.Severity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pools through the production topology: raw envelopes in, pool state, pool alerts and downgraded package alerts out. */
class PoolTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final long GIB = 1L << 30;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String BAIDU_POOL = "baidu-eip/acme/bj/TRAFFIC/FULL_TIME";
    private static final String VPC_POOL = "tencent-vpc/acme/ap-guangzhou/TRAFFIC/FULL_TIME";

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

    private void baidu(String id, String deduct, long capacity, long used, Instant expires, Instant at) {
        ObjectNode item = (ObjectNode) json("""
                {"id":"%s","deductPolicy":"%s","packageType":"WebOutBytes","status":"RUNNING",
                 "capacity":%d,"usedCapacity":%d,"createTime":"2026-10-01T00:00:00Z","activeTime":"2026-10-01T00:00:00Z",
                 "expireTime":"%s"}""".formatted(id, deduct, capacity, used, expires));
        fx.pipe(VendorApi.BAIDU_EIP, "baidu-eip/acme/bj/" + id, pkg("baidu-eip", "acme", "bj", "bd-" + at.toEpochMilli(), at, item), at);
    }

    private void vpc(String id, int totalGb, double usedGb, String status, Instant deadline, Instant at) {
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"%s","TotalAmount":%d,"Status":"%s","CreatedTime":"2026-10-01T00:00:00Z",
                 "Deadline":"%s","DeductType":"FULL_TIME","TagSet":[]}""".formatted(id, totalGb, status, deadline));
        BigDecimal used = BigDecimal.valueOf(usedGb).setScale(4, java.math.RoundingMode.HALF_UP);
        item.put("UsedAmount", used);
        item.put("RemainingAmount", BigDecimal.valueOf(totalGb).subtract(used));
        fx.pipe(VendorApi.TENCENT_VPC, "tencent-vpc/acme/ap-guangzhou/" + id,
                pkg("tencent-vpc", "acme", "ap-guangzhou", "v-" + at.toEpochMilli(), at, item), at);
    }

    /** The latest pool state per pool key, and every record in order. */
    private Map<String, PoolState> latestPools(List<TestRecord<String, PoolState>> records) {
        Map<String, PoolState> latest = new LinkedHashMap<>();
        records.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private static long days(Instant from, Instant to) {
        return Duration.between(from, to).toHours();
    }

    /** §11: P1 100 GiB expiring on day 5, P2 500 GiB on day 30, 30 GiB a day drawn from P1 first. */
    private void workedExample(Duration p1Expiry, int hours) {
        for (int i = 0; i <= hours; i++) {
            Instant at = T0.plus(HOUR.multipliedBy(i));
            baidu("p1", "FullTimeDurationPackage", 100 * GIB, 30 * GIB * i / 24, T0.plus(p1Expiry), at);
            baidu("p2", "FullTimeDurationPackage", 500 * GIB, 0, T0.plus(Duration.ofDays(30)), at);
        }
    }

    @Test
    void workedExampleOverageStartsOnDay20AndTheDrawnPackageIsDowngradedToInfo() {
        workedExample(Duration.ofDays(5), 24);
        List<TestRecord<String, PoolState>> records = fx.poolStates.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsOnly(BAIDU_POOL);
        // one state per poll after the first (whose two joins are each a change): P2's unchanged snapshot of a poll
        // the pool has already seen projects nothing new, and its instant goes out with the next change
        assertThat(records).hasSize(26);
        PoolState pool = latestPools(records).get(BAIDU_POOL);

        assertThat(pool.getRatePerHour()).isCloseTo(1.25 * GIB, within(0.01 * GIB));
        // day 20, not day 3.3 (P1 on its own) nor never (P2 on its own)
        assertThat(pool.getOverageStartsAt()).isBetween(T0.plus(Duration.ofDays(20)).minus(HOUR), T0.plus(Duration.ofDays(20)).plus(HOUR));
        assertThat(pool.getOverageEarliestAt()).isBefore(pool.getOverageStartsAt());
        assertThat(pool.getOverageLatestAt()).isAfter(pool.getOverageStartsAt());
        assertThat(pool.getMembers()).extracting(PoolMember::getPackageId).containsExactly("p1", "p2");
        PoolMember p1 = pool.getMembers().get(0);
        PoolMember p2 = pool.getMembers().get(1);
        assertThat(p2.getObservedAt()).isEqualTo(T0.plus(Duration.ofHours(23)));
        assertThat(p1.getDrawStartAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(days(T0, p1.getDrawEndAt())).isBetween(79L, 80L);
        assertThat(p2.getDrawStartAt()).isEqualTo(p1.getDrawEndAt());
        assertThat(p2.getDrawEndAt()).isEqualTo(pool.getOverageStartsAt());
        assertThat(pool.getProjectedWaste()).isZero();
        assertThat(pool.getRemaining()).isEqualTo(570 * GIB);
        assertThat(pool.getDrawOrder()).isEqualTo("earliest expiry first, then earliest created, then package id");

        // P1 runs out in 56 hours (a WARNING of its own), but P2 covers the usage until day 20: INFO, not a page
        List<PackageAlert> depletion = fx.depletionAlerts();
        assertThat(depletion).extracting(PackageAlert::getAlertKey, PackageAlert::getSeverity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("baidu-eip/acme/bj/p1#DEPLETION_FORECAST", Severity.INFO));
        PackageAlert info = depletion.get(0);
        assertThat(info.getPoolKey()).isEqualTo(BAIDU_POOL);
        assertThat(info.getOverageStartsAt()).isNotNull().isBetween(T0.plus(Duration.ofDays(20)).minus(HOUR.multipliedBy(2)),
                T0.plus(Duration.ofDays(20)).plus(HOUR.multipliedBy(2)));
        assertThat(info.getMessage()).contains("the pool " + BAIDU_POOL + " covers usage until 2026-11-2");
        // P2 waits its turn and is used up long before its expiry: no waste
        assertThat(fx.expiryAlerts()).noneMatch(a -> a.getType() == AlertType.POOL_WASTE_FORECAST);
    }

    @Test
    void aPackageUsedUpWhenFirstSeenIsInfoFromTheStartNotAPageTakenBack() {
        // the first poll: P1 used up, P2 untouched; the pool's state follows P1's snapshot, so P1's verdict waits for it
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plus(HOUR.multipliedBy(i));
            baidu("p1", "FullTimeDurationPackage", 100 * GIB, 100 * GIB, T0.plus(Duration.ofDays(5)), at);
            baidu("p2", "FullTimeDurationPackage", 500 * GIB, 0, T0.plus(Duration.ofDays(30)), at);
        }
        List<PackageAlert> exhausted = fx.depletionAlerts().stream().filter(a -> a.getType() == AlertType.EXHAUSTED).toList();
        assertThat(exhausted).extracting(PackageAlert::getAlertKey, PackageAlert::getSeverity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("baidu-eip/acme/bj/p1#EXHAUSTED", Severity.INFO));
        assertThat(exhausted.get(0).getMessage()).contains("the pool " + BAIDU_POOL + " covers usage");
    }

    @Test
    void workedExampleWithP1ExpiringOnDay2Wastes40GiB() {
        workedExample(Duration.ofDays(2), 24);
        PoolState pool = latestPools(fx.poolStates.readRecordsToList()).get(BAIDU_POOL);
        assertThat(pool.getMembers().get(0).getProjectedWaste()).isCloseTo(40 * GIB, within(GIB / 10));
        assertThat(pool.getProjectedWaste()).isEqualTo(pool.getMembers().get(0).getProjectedWaste());
        assertThat(pool.getMembers().get(0).getDrawEndAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(pool.getMembers().get(1).getDrawStartAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        // P2 from day 2: 500 GiB at 30 GiB a day, 16.7 days
        assertThat(days(T0, pool.getOverageStartsAt())).isBetween(447L, 449L);
        // P1's waste is its own (it is being drawn), not the order's
        assertThat(fx.expiryAlerts()).noneMatch(a -> a.getType() == AlertType.POOL_WASTE_FORECAST);
    }

    @Test
    void aWaitingPackageThatWillExpireWithCapacityLeftRaisesPoolWasteOnTheExpiryTopic() {
        // P2 expires on day 6: drawn from hour 80 to hour 144, 64 hours at 1.25 GiB/h, 420 of its 500 GiB wasted
        for (int i = 0; i <= 24; i++) {
            Instant at = T0.plus(HOUR.multipliedBy(i));
            baidu("p1", "FullTimeDurationPackage", 100 * GIB, 30 * GIB * i / 24, T0.plus(Duration.ofDays(5)), at);
            baidu("p2", "FullTimeDurationPackage", 500 * GIB, 0, T0.plus(Duration.ofDays(6)), at);
        }
        List<TestRecord<String, PackageAlert>> waste = fx.expiry.readRecordsToList().stream()
                .filter(r -> r.value().getType() == AlertType.POOL_WASTE_FORECAST).toList();
        assertThat(waste).hasSize(1);
        PackageAlert a = waste.get(0).value();
        assertThat(waste.get(0).key()).isEqualTo("baidu-eip/acme/bj/p2#POOL_WASTE_FORECAST");
        assertThat(a.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(a.getPoolKey()).isEqualTo(BAIDU_POOL);
        // the alert states the projection it opened on; the pool's latest one has settled at 420 GiB
        assertThat(a.getProjectedRemainingAtExpiry()).isBetween(300 * GIB, 500 * GIB);
        assertThat(a.getOverageStartsAt()).isEqualTo(T0.plus(Duration.ofDays(6)));
        PoolMember p2 = latestPools(fx.poolStates.readRecordsToList()).get(BAIDU_POOL).getMembers().get(1);
        assertThat(p2.getProjectedWaste()).isCloseTo(420 * GIB, within(GIB));
        assertThat(p2.getDrawEndAt()).isEqualTo(T0.plus(Duration.ofDays(6)));
        assertThat(a.getMessage()).contains("projected unused: the packages ahead of it in pool " + BAIDU_POOL + " are drawn first");
    }

    @Test
    void anIdleLaneIsItsOwnPoolDrawnOnlyInItsWindow() {
        // 2026-11-01T16:00Z is 00:00 Beijing: 1 GiB per hour inside 00:00-08:00 Beijing, nothing outside
        Instant start = Instant.parse("2026-11-01T16:00:00Z");
        for (int i = 0; i <= 48; i++) {
            Instant at = start.plus(HOUR.multipliedBy(i));
            long drawn = 8L * (i / 24) + Math.min(i % 24, 8);
            baidu("n1", "TimeDurationPackage", 20 * GIB, drawn * GIB, start.plus(Duration.ofDays(30)), at);
            baidu("n2", "TimeDurationPackage", 40 * GIB, 0, start.plus(Duration.ofDays(40)), at);
            baidu("f1", "FullTimeDurationPackage", 1000 * GIB, 0, start.plus(Duration.ofDays(40)), at);
        }
        Map<String, PoolState> pools = latestPools(fx.poolStates.readRecordsToList());
        assertThat(pools).containsOnlyKeys("baidu-eip/acme/bj/TRAFFIC/OFF_PEAK", BAIDU_POOL);
        PoolState idle = pools.get("baidu-eip/acme/bj/TRAFFIC/OFF_PEAK");
        assertThat(idle.getLane()).isEqualTo(DeductPolicy.OFF_PEAK);
        assertThat(idle.getOffPeakWindow().getStart()).isEqualTo("00:00");
        assertThat(idle.getOffPeakWindow().getZone()).isEqualTo("Asia/Shanghai");
        assertThat(idle.getMembers()).extracting(PoolMember::getPackageId).containsExactly("n1", "n2");
        // per drawable hour, not per wall-clock hour (that would be a third of it)
        assertThat(idle.getRatePerHour()).isCloseTo(GIB, within(0.05 * GIB));
        // 44 GiB left: five whole windows and half of the sixth, which starts 168 hours after the first
        assertThat(idle.getOverageStartsAt()).isBetween(start.plus(HOUR.multipliedBy(171)), start.plus(HOUR.multipliedBy(173)));
        assertThat(pools.get(BAIDU_POOL).getMembers()).extracting(PoolMember::getPackageId).containsExactly("f1");
    }

    @Test
    void tencentVpcIdleLaneUsesTheConfiguredWindow() {
        fx.close();
        fx = new StateFixture(stateDir.resolve("configured"), Map.of(io.packwatch.streams.pools.PoolSettings.VPC_IDLE_WINDOW,
                "22:00-06:00 Asia/Shanghai"));
        // 2026-11-01T14:00Z is 22:00 Beijing: 8 drawable hours a day, 1 GB each, polled hourly for a day
        Instant start = Instant.parse("2026-11-01T14:00:00Z");
        for (int i = 0; i <= 24; i++) {
            Instant at = start.plus(HOUR.multipliedBy(i));
            ObjectNode item = (ObjectNode) json("""
                    {"TrafficPackageId":"tfp-idle","TotalAmount":100,"UsedAmount":%d,"RemainingAmount":%d,"Status":"AVAILABLE",
                     "CreatedTime":"2026-10-01T00:00:00Z","Deadline":"2026-12-30T00:00:00Z","DeductType":"IDLE_TIME","TagSet":[]}"""
                    .formatted(Math.min(i, 8), 100 - Math.min(i, 8)));
            fx.pipe(VendorApi.TENCENT_VPC, "tencent-vpc/acme/ap-guangzhou/tfp-idle",
                    pkg("tencent-vpc", "acme", "ap-guangzhou", "v-" + i, at, item), at);
        }
        PoolState idle = latestPools(fx.poolStates.readRecordsToList()).get("tencent-vpc/acme/ap-guangzhou/TRAFFIC/OFF_PEAK");
        assertThat(idle.getOffPeakWindow().getStart()).isEqualTo("22:00");
        assertThat(idle.getOffPeakWindow().getEnd()).isEqualTo("06:00");
        assertThat(idle.getDrawOrder()).endsWith("[inferred]");
        // measured in the configured window the rate is 1 GB (2^30 bytes, as the normalizer converts) per drawable hour (the snapshots' own 00:00-08:00 would
        // see 2 of the 8 hours of usage outside its window)
        assertThat(idle.getRatePerHour()).isCloseTo(GIB, within(0.05 * GIB));
    }

    @Test
    void aPackageJoiningWithUsageAlreadyOnItIsNotConsumptionAndMovesTheOverageByWhatItHasLeft() {
        workedExample(Duration.ofDays(5), 24);
        PoolState before = latestPools(fx.poolStates.readRecordsToList()).get(BAIDU_POOL);
        // a renewal bought with 50 GiB already used elsewhere in its validity (joins with used > 0)
        for (int i = 25; i <= 27; i++) {
            Instant at = T0.plus(HOUR.multipliedBy(i));
            baidu("p1", "FullTimeDurationPackage", 100 * GIB, 30 * GIB * i / 24, T0.plus(Duration.ofDays(5)), at);
            baidu("p2", "FullTimeDurationPackage", 500 * GIB, 0, T0.plus(Duration.ofDays(30)), at);
            baidu("p3", "FullTimeDurationPackage", 200 * GIB, 50 * GIB, T0.plus(Duration.ofDays(60)), at);
        }
        PoolState after = latestPools(fx.poolStates.readRecordsToList()).get(BAIDU_POOL);
        assertThat(after.getMembers()).extracting(PoolMember::getPackageId).containsExactly("p1", "p2", "p3");
        assertThat(after.getRatePerHour()).isCloseTo(before.getRatePerHour(), within(0.01 * GIB));
        // 150 GiB more at 30 GiB a day: 5 days later
        assertThat(Duration.between(before.getOverageStartsAt(), after.getOverageStartsAt()).toHours()).isBetween(119L, 121L);
    }

    @Test
    void refundEndsTheCoverageSoTheDrawnPackageEscalatesAndARenewalResolvesTheOverageOnce() {
        Instant a = T0.plus(Duration.ofDays(30));
        Instant b = T0.plus(Duration.ofDays(40));
        int tick = 0;
        // A is drawn at 1 GB an hour (used up within 10 hours), B waits; polled every 10 minutes
        for (; tick < 9; tick++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * tick));
            vpc("tfp-a", 10, tick / 6.0, "AVAILABLE", a, at);
            vpc("tfp-b", 100, 0, "AVAILABLE", b, at);
        }
        List<PackageAlert> covered = fx.depletionAlerts();
        assertThat(covered).extracting(PackageAlert::getAlertKey, PackageAlert::getSeverity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("tencent-vpc/acme/ap-guangzhou/tfp-a#DEPLETION_FORECAST", Severity.INFO));
        assertThat(covered.get(0).getOverageStartsAt()).isAfter(T0.plus(Duration.ofDays(4)));

        // B is refunded: it leaves the pool, A is the last package and its DEPLETION_FORECAST escalates
        Instant refundAt = T0.plus(Duration.ofMinutes(10L * tick++));
        vpc("tfp-a", 10, (tick - 1) / 6.0, "AVAILABLE", a, refundAt);
        vpc("tfp-b", 100, 0, "REFUNDED", b, refundAt);
        for (int i = 0; i < 3; i++, tick++) {
            vpc("tfp-a", 10, tick / 6.0, "AVAILABLE", a, T0.plus(Duration.ofMinutes(10L * tick)));
        }
        PoolState alone = latestPools(fx.poolStates.readRecordsToList()).get(VPC_POOL);
        assertThat(alone.getMembers()).extracting(PoolMember::getPackageId).containsExactly("tfp-a");
        List<PackageAlert> uncovered = fx.depletionAlerts();
        assertThat(uncovered).extracting(PackageAlert::getAlertKey, PackageAlert::getState, PackageAlert::getSeverity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("tencent-vpc/acme/ap-guangzhou/tfp-a#DEPLETION_FORECAST",
                                io.packwatch.schema.AlertState.FIRING, Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple(VPC_POOL + "#OVERAGE_FORECAST",
                                io.packwatch.schema.AlertState.FIRING, Severity.CRITICAL));
        PackageAlert overage = uncovered.stream().filter(x -> x.getType() == AlertType.OVERAGE_FORECAST).findFirst().orElseThrow();
        assertThat(overage.getPackageKey()).isEqualTo(VPC_POOL);
        assertThat(overage.getMessage()).startsWith("FIRING CRITICAL OVERAGE_FORECAST " + VPC_POOL
                + ": pay-as-you-go billing resumes (traffic billed on the resources) [inferred] 2026-11-01T")
                .contains(" hours)").contains("1 package, ");
        assertThat(uncovered.stream().filter(x -> x.getType() == AlertType.DEPLETION_FORECAST).findFirst().orElseThrow()
                .getOverageStartsAt()).isNull();

        // a new package joins: the pool covers A again (de-escalates to INFO), and the overage resolves, once
        for (int i = 0; i < 4; i++, tick++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * tick));
            vpc("tfp-a", 10, tick / 6.0, "AVAILABLE", a, at);
            vpc("tfp-c", 1000, 0, "AVAILABLE", T0.plus(Duration.ofDays(90)), at);
        }
        List<PackageAlert> renewed = fx.depletionAlerts();
        assertThat(renewed).extracting(PackageAlert::getAlertKey, PackageAlert::getState, PackageAlert::getSeverity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("tencent-vpc/acme/ap-guangzhou/tfp-a#DEPLETION_FORECAST",
                                io.packwatch.schema.AlertState.FIRING, Severity.INFO),
                        org.assertj.core.groups.Tuple.tuple(VPC_POOL + "#OVERAGE_FORECAST",
                                io.packwatch.schema.AlertState.RESOLVED, Severity.CRITICAL));
        List<PackageAlert> all = new java.util.ArrayList<>(covered);
        all.addAll(uncovered);
        all.addAll(renewed);
        assertThat(new HashSet<>(all.stream().map(PackageAlert::getEventId).toList())).hasSize(all.size());
    }

    @Test
    void aPoolWhoseLastPackageLeavesIsDeletedAndItsOverageResolves() {
        Instant a = T0.plus(Duration.ofDays(30));
        int tick = 0;
        for (; tick < 9; tick++) {
            vpc("tfp-a", 10, tick / 6.0, "AVAILABLE", a, T0.plus(Duration.ofMinutes(10L * tick)));
        }
        assertThat(fx.depletionAlerts()).extracting(PackageAlert::getAlertKey)
                .contains(VPC_POOL + "#OVERAGE_FORECAST");
        vpc("tfp-a", 10, tick / 6.0, "REFUNDED", a, T0.plus(Duration.ofMinutes(10L * tick)));
        List<TestRecord<String, PoolState>> states = fx.poolStates.readRecordsToList();
        assertThat(states.get(states.size() - 1).key()).isEqualTo(VPC_POOL);
        assertThat(states.get(states.size() - 1).value()).as("tombstone on the compacted topic").isNull();
        List<PackageAlert> resolved = fx.depletionAlerts().stream()
                .filter(x -> x.getType() == AlertType.OVERAGE_FORECAST).toList();
        assertThat(resolved).extracting(PackageAlert::getState).containsExactly(io.packwatch.schema.AlertState.RESOLVED);
        assertThat(resolved.get(0).getMessage()).contains("overage no longer projected");
        assertThat(fx.driver.getKeyValueStore(io.packwatch.streams.pools.PoolTopology.STORE).get(VPC_POOL)).isNull();
        assertThat(fx.driver.getKeyValueStore(io.packwatch.streams.pools.PoolTopology.POOL_STATES_STORE).get(VPC_POOL)).isNull();
    }

    @Test
    void aLighthouseInstanceHasNoPoolNoPoolStateAndNoDowngrade() {
        String key = "tencent-lighthouse/acme/ap-guangzhou/lhins-1/lhtfp-1";
        for (int i = 0; i <= 8; i++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * i));
            ObjectNode item = (ObjectNode) json("""
                    {"TrafficPackageId":"lhtfp-1","TrafficUsed":%d,"TrafficPackageTotal":%d,"TrafficPackageRemaining":%d,
                     "TrafficOverflow":0,"StartTime":"2026-11-01T00:00:00Z","EndTime":"2026-12-01T00:00:00Z",
                     "Deadline":"2026-12-01T00:00:00Z","Status":"NETWORK_NORMAL"}""".formatted(
                    (90 + i) * GIB, 100 * GIB, 100 * GIB - (90 + i) * GIB));
            ObjectNode env = pkg("tencent-lighthouse", "acme", "ap-guangzhou", "lh-" + i, at, item);
            env.put("instanceId", "lhins-1");
            fx.pipe(VendorApi.TENCENT_LIGHTHOUSE, key, env, at);
        }
        assertThat(fx.poolStates.isEmpty()).isTrue();
        List<PackageAlert> alerts = fx.depletionAlerts();
        assertThat(alerts).isNotEmpty().allSatisfy(x -> {
            assertThat(x.getPoolKey()).isNull();
            assertThat(x.getOverageStartsAt()).isNull();
        });
        assertThat(alerts).filteredOn(x -> x.getType() == AlertType.DEPLETION_FORECAST)
                .extracting(PackageAlert::getSeverity).containsOnly(Severity.CRITICAL);
    }

    /**
     * The scenario the broker tests run (StateAndAlertsIT, CrashRestartIT) gives exactly its transitions here, where
     * every topic is read at once: the pooled package's EXHAUSTED is INFO while the next package has capacity left, and
     * CRITICAL from the poll after that one was used up (its snapshot of that poll reached the pool first).
     */
    @Test
    void theBrokerTestsScenarioJudgesAPooledPackageByItsPoolAsItStoodAfterEachSnapshot() {
        for (RawScenario.RawRecord r : RawScenario.records()) {
            fx.raw.get(r.api()).pipeInput(r.key(), r.value(), r.timestamp());
        }
        List<PackageAlert> depletion = fx.depletionAlerts();
        assertThat(depletion).extracting(a -> a.getAlertKey() + " " + a.getState() + " " + a.getSeverity())
                .containsExactlyInAnyOrderElementsOf(RawScenario.EXPECTED_DEPLETION);
        assertThat(fx.expiryAlerts()).extracting(a -> a.getAlertKey() + " " + a.getState() + " " + a.getSeverity())
                .containsExactlyInAnyOrderElementsOf(RawScenario.EXPECTED_EXPIRY);
        List<PackageAlert> exhausted = depletion.stream()
                .filter(a -> a.getAlertKey().equals(RawScenario.SH_FIRST_KEY + "#EXHAUSTED")).toList();
        assertThat(exhausted).extracting(PackageAlert::getSeverity).containsExactly(Severity.INFO, Severity.CRITICAL);
        assertThat(exhausted.get(0).getObservedAt()).isEqualTo(RawScenario.T0.plus(Duration.ofMinutes(10)));
        assertThat(exhausted.get(0).getMessage()).endsWith("; the pool " + RawScenario.SH_POOL
                + " covers usage beyond the projection horizon");
        assertThat(exhausted.get(1).getObservedAt()).isEqualTo(RawScenario.T0.plus(Duration.ofMinutes(60)));
        assertThat(exhausted.get(1).getMessage()).doesNotContain("covers");
        assertThat(exhausted).allSatisfy(a -> assertThat(a.getPoolKey()).isEqualTo(RawScenario.SH_POOL));
    }
}
