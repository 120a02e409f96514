package io.packwatch.simulators.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The simulator draws a pool's usage from its packages one at a time in the vendor's order (vendor-spec §11). */
class SimPoolTest {
    /** 18:00 Beijing: outside Baidu's idle window (00:00-08:00 Beijing = 16:00-24:00 UTC of the day before). */
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double DAY = 86_400;

    private static final String BAIDU = """
            accounts:
              - id: bd
                vendor: baidu
                accessKeyId: ak
                secretAccessKey: sk
                pools: [%s]
                eip:
            %s
            """;

    private static Account baidu(String pools, String... packages) {
        StringBuilder eip = new StringBuilder();
        for (String p : packages) eip.append("      - ").append(p).append('\n');
        return Scenario.parse(BAIDU.formatted(pools, eip)).resolve(T0).get(0);
    }

    private static SimPackage eip(Account a, String id) {
        return a.eip("bj").stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static double usedGiB(Account a, String id, Duration after) {
        return eip(a, id).at(T0.plus(after)).used() / GIB;
    }

    private static Duration days(double d) { return Duration.ofSeconds(Math.round(d * DAY)); }

    @Test
    void workedExampleDrawsTheEarliestExpiryFirstAndOverageStartsOnDayTwenty() {
        Account a = baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 30GiB/d}}",
                "{id: tp-big0001, region: bj, capacity: 500GiB, start: -1d, expire: +30d, pool: bj}",
                "{id: tp-small001, region: bj, capacity: 100GiB, start: -1d, expire: +5d, pool: bj}");
        SimPool pool = a.pools().get(0);
        assertThat(pool.members()).extracting(SimPool.Member::packageId).containsExactly("tp-small001", "tp-big0001");

        assertThat(usedGiB(a, "tp-small001", days(2))).isCloseTo(60, within(1e-6));
        assertThat(usedGiB(a, "tp-big0001", days(2))).isZero();          // waits its turn: no consumption at all
        assertThat(eip(a, "tp-small001").at(T0.plus(days(4))).phase()).isEqualTo(SimPackage.Phase.EXHAUSTED);
        assertThat(usedGiB(a, "tp-big0001", days(4))).isCloseTo(120 - 100, within(1e-6));
        assertThat(pool.overage(T0.plus(days(19.9)))).isZero();
        assertThat(eip(a, "tp-big0001").at(T0.plus(days(20))).phase()).isEqualTo(SimPackage.Phase.EXHAUSTED);
        // after day 20 every byte is billed pay-as-you-go
        assertThat(pool.overage(T0.plus(days(21))) / GIB).isCloseTo(30, within(1e-6));
    }

    @Test
    void aPackageExpiringBeforeItIsUsedUpWastesItsRestAndTheNextOneTakesOver() {
        Account a = baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 30GiB/d}}",
                "{id: tp-small001, region: bj, capacity: 100GiB, start: -1d, expire: +2d, pool: bj}",
                "{id: tp-big0001, region: bj, capacity: 500GiB, start: -1d, expire: +30d, pool: bj}");
        SimPackage.View small = eip(a, "tp-small001").at(T0.plus(days(3)));
        assertThat(small.phase()).isEqualTo(SimPackage.Phase.EXPIRED);
        assertThat(small.remaining(100 * GIB) / GIB).isCloseTo(40, within(1e-6));   // the 40 GiB of vendor-spec §11
        assertThat(usedGiB(a, "tp-big0001", days(3))).isCloseTo(30, within(1e-6));
        // 500 GiB from day 2 at 30 GiB/day: used up at day 18.67, billed from then on
        assertThat(eip(a, "tp-big0001").at(T0.plus(days(18.6))).phase()).isEqualTo(SimPackage.Phase.ACTIVE);
        assertThat(a.pools().get(0).overage(T0.plus(days(2 + 500.0 / 30 + 1))) / GIB).isCloseTo(30, within(1e-3));
    }

    @Test
    void tiesOnExpiryGoToTheEarliestCreatedForBaiduAndTheEarliestStartForVpc() {
        Account bd = baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 10GiB/d}}",
                "{id: tp-later001, region: bj, capacity: 10GiB, created: -2d, start: -5d, expire: +30d, pool: bj}",
                "{id: tp-early001, region: bj, capacity: 10GiB, created: -3d, start: -1d, expire: +30d, pool: bj}");
        assertThat(usedGiB(bd, "tp-early001", days(0.5))).isCloseTo(5, within(1e-6));
        assertThat(usedGiB(bd, "tp-later001", days(0.5))).isZero();

        Account vpc = Scenario.parse("""
                accounts:
                  - id: tc
                    vendor: tencent
                    secretId: AKIDx
                    secretKey: k
                    pools: [{id: gz, api: tencent-vpc, region: ap-guangzhou, usage: {pattern: constant, rate: 10/d}}]
                    vpc:
                      - {id: tfp-aaaaaaa1, region: ap-guangzhou, capacity: 10, created: -3d, start: -1d, expire: +30d, pool: gz}
                      - {id: tfp-aaaaaaa2, region: ap-guangzhou, capacity: 10, created: -2d, start: -5d, expire: +30d, pool: gz}
                """).resolve(T0).get(0);
        assertThat(vpc.vpc("ap-guangzhou").get(1).at(T0.plus(days(0.5))).used()).isCloseTo(5, within(1e-9));
        assertThat(vpc.vpc("ap-guangzhou").get(0).at(T0.plus(days(0.5))).used()).isZero();
    }

    @Test
    void idlePackagesAreDrawnOnlyInTheBeijingNightAndFirstThere() {
        Account a = baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/h}}",
                "{id: tp-full0001, region: bj, capacity: 100GiB, start: -1d, expire: +30d, pool: bj}",
                "{id: tp-idle0001, region: bj, capacity: 5GiB, deduct: OFF_PEAK, start: -1d, expire: +20d, pool: bj}");
        // T0 = 18:00 Beijing; the window opens at 00:00 Beijing (+6h) and closes at 08:00 (+14h)
        assertThat(usedGiB(a, "tp-full0001", Duration.ofHours(6))).isCloseTo(6, within(1e-6));
        assertThat(usedGiB(a, "tp-idle0001", Duration.ofHours(6))).isZero();
        // in the window the idle package goes first, although the full-time one expires earlier
        assertThat(usedGiB(a, "tp-idle0001", Duration.ofHours(9))).isCloseTo(3, within(1e-6));
        assertThat(usedGiB(a, "tp-full0001", Duration.ofHours(9))).isCloseTo(6, within(1e-6));
        // used up after 5 h in the window (05:00 Beijing); the full-time package takes the rest of the night
        assertThat(eip(a, "tp-idle0001").at(T0.plus(Duration.ofHours(11))).phase()).isEqualTo(SimPackage.Phase.EXHAUSTED);
        assertThat(usedGiB(a, "tp-full0001", Duration.ofHours(14))).isCloseTo(6 + 3, within(1e-6));
        assertThat(usedGiB(a, "tp-full0001", Duration.ofHours(16))).isCloseTo(11, within(1e-6));
    }

    @Test
    void outsideTheWindowAnIdleOnlyPoolBillsPayAsYouGo() {
        Account a = baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/h}}",
                "{id: tp-idle0001, region: bj, capacity: 50GiB, deduct: OFF_PEAK, start: -1d, expire: +20d, pool: bj}");
        assertThat(a.pools().get(0).overage(T0.plus(Duration.ofHours(6))) / GIB).isCloseTo(6, within(1e-6));
        assertThat(a.pools().get(0).overage(T0.plus(Duration.ofHours(14))) / GIB).isCloseTo(6, within(1e-6));
        assertThat(usedGiB(a, "tp-idle0001", Duration.ofHours(14))).isCloseTo(8, within(1e-6));
    }

    @Test
    void aRenewalBoughtMidRunIsListedAndDrawnFromItsPurchase() {
        Account a = baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 10GiB/d}}",
                "{id: tp-first001, region: bj, capacity: 10GiB, start: -1d, expire: +30d, pool: bj}",
                "{id: tp-renew001, region: bj, capacity: 100GiB, start: +3d, expire: +60d, pool: bj}");
        SimPool pool = a.pools().get(0);
        assertThat(eip(a, "tp-renew001").at(T0.plus(days(2))).present()).isFalse();
        assertThat(pool.overage(T0.plus(days(3))) / GIB).isCloseTo(20, within(1e-6));   // days 1-3 uncovered
        assertThat(eip(a, "tp-renew001").at(T0.plus(days(3))).present()).isTrue();
        assertThat(usedGiB(a, "tp-renew001", days(4))).isCloseTo(10, within(1e-6));
        assertThat(pool.overage(T0.plus(days(4))) / GIB).isCloseTo(20, within(1e-6));
    }

    @Test
    void aRefundedPackageLeavesThePoolAndTheNextOneIsDrawn() {
        Account a = baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 10GiB/d}}",
                "{id: tp-first001, region: bj, capacity: 100GiB, start: -1d, expire: +10d, pool: bj, events: [{at: +1d, remove: true}]}",
                "{id: tp-next0001, region: bj, capacity: 100GiB, start: -1d, expire: +30d, pool: bj}");
        assertThat(usedGiB(a, "tp-first001", days(0.5))).isCloseTo(5, within(1e-6));
        assertThat(eip(a, "tp-first001").at(T0.plus(days(2))).present()).isFalse();
        assertThat(usedGiB(a, "tp-next0001", days(2))).isCloseTo(10, within(1e-6));
        assertThat(a.pools().get(0).overage(T0.plus(days(2)))).isZero();
    }

    @Test
    void liveDrawsOneKindPerPoolInExpiryOrder() {
        Account a = Scenario.parse("""
                accounts:
                  - id: tc
                    vendor: tencent
                    secretId: AKIDx
                    secretKey: k
                    pools: [{id: traffic, api: tencent-live, usage: {pattern: constant, rate: 100GB/d}}]
                    live:
                      - {id: "1", type: 0, capacity: 500GB, created: -30d, start: -30d, expire: +300d, pool: traffic}
                      - {id: "2", type: 0, capacity: 50GB, used: 10GB, created: -300d, start: -300d, expire: +60d, pool: traffic}
                      - {id: "3", type: 1, capacity: 1000, created: -30d, start: -30d, expire: +10d}
                """).resolve(T0).get(0);
        List<SimPackage> live = a.live();
        assertThat(live.get(1).at(T0.plus(days(0.2))).used()).isCloseTo(30e9, within(1.0));
        assertThat(live.get(0).at(T0.plus(days(0.2))).used()).isZero();
        assertThat(live.get(1).at(T0.plus(days(1))).phase()).isEqualTo(SimPackage.Phase.EXHAUSTED);
        assertThat(live.get(0).at(T0.plus(days(1))).used()).isCloseTo(60e9, within(1.0));
        assertThat(live.get(2).at(T0.plus(days(1))).used()).isZero();    // transcoding is another lane, not in the pool
    }

    @Test
    void cdnPoolsArePerBillingRegionAndVpcPoolsTakeNoIdlePackages() {
        Account a = Scenario.parse("""
                accounts:
                  - id: tc
                    vendor: tencent
                    secretId: AKIDx
                    secretKey: k
                    pools:
                      - {id: mainland, api: tencent-cdn, usage: {pattern: constant, rate: 10GB/d}}
                      - {id: europe, api: tencent-cdn, region: europe, usage: {pattern: constant, rate: 1GB/d}}
                    cdn:
                      - {id: "1", capacity: 100GB, created: -9d, start: -2d, expire: +30d, pool: mainland}
                      - {id: "2", capacity: 100GB, created: -1d, start: -3d, expire: +30d, pool: mainland}
                      - {id: "3", region: europe, capacity: 100GB, start: -1d, expire: +90d, pool: europe}
                """).resolve(T0).get(0);
        List<SimPackage> cdn = a.cdn();
        // same expiry: the earliest start (enable time) goes first, whatever the purchase order
        assertThat(cdn.get(1).at(T0.plus(days(1))).used()).isCloseTo(10e9, within(1.0));
        assertThat(cdn.get(0).at(T0.plus(days(1))).used()).isZero();
        assertThat(cdn.get(2).at(T0.plus(days(1))).used()).as("europe draws its own usage only").isCloseTo(1e9, within(1.0));

        assertThatThrownBy(() -> Scenario.parse("""
                accounts:
                  - id: tc
                    vendor: tencent
                    secretId: AKIDx
                    secretKey: k
                    pools: [{id: gz, api: tencent-vpc, region: ap-guangzhou, usage: {pattern: constant, rate: 1/d}}]
                    vpc: [{id: tfp-aaaaaaa1, region: ap-guangzhou, capacity: 10, deduct: OFF_PEAK, pool: gz}]
                """)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("vpc[0] (tfp-aaaaaaa1).deduct: tencent-vpc documents no idle window");
    }

    @Test
    void theDrawDependsOnTheClockAloneNotOnHowOftenItWasAsked() {
        String pools = "{id: bj, api: baidu-eip, region: bj, usage: {pattern: diurnal, rate: 20GiB/d, step: 1h}}";
        String[] pkgs = {"{id: tp-a0000001, region: bj, capacity: 10GiB, start: -1d, expire: +1d, pool: bj}",
                "{id: tp-b0000001, region: bj, capacity: 30GiB, deduct: OFF_PEAK, start: -1d, expire: +20d, pool: bj}",
                "{id: tp-c0000001, region: bj, capacity: 80GiB, start: -1d, expire: +40d, pool: bj}"};
        Account asked = baidu(pools, pkgs);
        Account once = baidu(pools, pkgs);
        Instant end = T0.plus(days(5)).plusSeconds(1234);
        for (Instant t = T0; t.isBefore(end); t = t.plusSeconds(3_517)) {
            for (SimPackage p : asked.eip("bj")) p.at(t);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(asked.eip("bj").get(i).at(end).used()).isEqualTo(once.eip("bj").get(i).at(end).used());
        }
        assertThat(asked.pools().get(0).overage(end)).isEqualTo(once.pools().get(0).overage(end));
        double total = asked.eip("bj").stream().mapToDouble(p -> p.at(end).used()).sum() + asked.pools().get(0).overage(end);
        assertThat(total / GIB).isGreaterThan(80);   // five diurnal days of 20 GiB, whole hours only
    }

    @Test
    void badPoolDeclarationsFailNamingTheProblem() {
        String ok = "{id: tp-a0000001, region: bj, capacity: 10GiB, pool: bj}";
        assertThatThrownBy(() -> baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/d}}",
                "{id: tp-a0000001, region: bj, capacity: 10GiB, pool: gz}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("eip[0] (tp-a0000001).pool: unknown pool 'gz'");
        assertThatThrownBy(() -> baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: -1GiB/d}}", ok))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("pools[0] (bj).usage.rate").hasMessageContaining("negative");
        assertThatThrownBy(() -> baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/d}},"
                + " {id: bj2, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/d}}", ok))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("overlapping pools 'bj' and 'bj2' both draw baidu-eip/bj");
        assertThatThrownBy(() -> baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/d}}", ok,
                "{id: tp-b0000001, region: bj, capacity: 10GiB, usage: {pattern: constant, rate: 1GiB/d}}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("eip[1] (tp-b0000001): overlapping declarations");
        assertThatThrownBy(() -> baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/d}}",
                "{id: tp-a0000001, region: gz, capacity: 10GiB, pool: bj}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("pool 'bj' draws baidu-eip/bj but this package is baidu-eip/gz");
        assertThatThrownBy(() -> baidu("{id: bj, api: baidu-eip, region: bj, usage: {pattern: constant, rate: 1GiB/d}}",
                "{id: tp-a0000001, region: bj, capacity: 10GiB, pool: bj, usage: {pattern: constant, rate: 1GiB/d}}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("drawn by the pool's usage, not its own");
        assertThatThrownBy(() -> Scenario.parse("""
                accounts:
                  - {id: tc, vendor: tencent, secretId: AKIDx, secretKey: k,
                     pools: [{id: lh, api: tencent-lighthouse, region: ap-guangzhou, usage: {pattern: constant, rate: 1GiB/d}}]}
                """)).isInstanceOf(ScenarioException.class).hasMessageContaining("pools[0] (lh).api: tencent-lighthouse has no pool");
    }
}
