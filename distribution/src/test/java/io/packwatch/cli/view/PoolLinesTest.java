package io.packwatch.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.PoolMember;
import io.packwatch.schema.PoolState;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pool lines of the live view, rendered from pool-state and package-state records. */
class PoolLinesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final long GIB = 1L << 30;
    private static final String POOL = "baidu-eip/acme/bj/TRAFFIC/FULL_TIME";
    private final Ansi plain = new Ansi(false);

    @Test
    void aPoolLineStandsAboveItsPackagesInDrawOrder() {
        // tp-b expires first, so it is drawn first although its key sorts after tp-a's
        PoolState pool = pool(member("tp-bbbb0001", 100), member("tp-aaaa0001", 500), member("tp-cccc0001", 60))
                .setOverageEarliestAt(NOW.plus(Duration.ofDays(17)).plus(Duration.ofHours(3)))
                .setOverageStartsAt(NOW.plus(Duration.ofDays(18)))
                .setOverageLatestAt(NOW.plus(Duration.ofDays(19)).plus(Duration.ofHours(20)))
                .setProjectedWaste(40 * GIB).build();
        List<PackageState> states = List.of(state("tp-aaaa0001", 500), state("tp-bbbb0001", 100),
                state("tp-cccc0001", 60), ViewRenderingTest.state());
        List<String> lines = PackageTable.render(states, List.of(pool), NOW, plain, Integer.MAX_VALUE);

        assertThat(lines).hasSize(1 + 1 + 3 + 1);
        assertThat(lines.get(1)).isEqualTo("pool " + POOL + ": 3 packages, overage starts in 17-20 days, 40.0 GiB to be wasted");
        assertThat(lines.get(2)).contains("tp-bbbb0001");
        assertThat(lines.get(3)).contains("tp-aaaa0001");
        assertThat(lines.get(4)).contains("tp-cccc0001");
        assertThat(lines.get(5)).contains("lhtfp-o1wtyyvx");   // a Lighthouse package: no pool, no pool line
    }

    @Test
    void withoutPoolStatesTheTableIsTheSameAsBefore() {
        List<PackageState> states = List.of(state("tp-aaaa0001", 500), ViewRenderingTest.state());
        assertThat(PackageTable.render(states, List.of(), NOW, plain, Integer.MAX_VALUE))
                .isEqualTo(PackageTable.render(states, NOW, plain))
                .noneMatch(line -> line.startsWith("pool "));
    }

    @Test
    void coveredNotYetProjectedOrAlreadyPaying() {
        PoolState.Builder one = pool(member("tp-aaaa0001", 500));
        assertThat(PoolLine.line(one.build(), NOW, plain))
                .isEqualTo("pool " + POOL + ": 1 package, covered beyond the horizon");
        assertThat(PoolLine.line(PoolState.newBuilder(one.build()).setRatePerHour(null).build(), NOW, plain))
                .endsWith("1 package, no rate yet");
        PoolState paying = PoolState.newBuilder(one.build()).setOverageStartsAt(NOW.minus(Duration.ofMinutes(5))).build();
        assertThat(PoolLine.line(paying, NOW, plain)).endsWith("overage started 5m00s ago");
        assertThat(PoolLine.line(paying, NOW, new Ansi(true))).contains("\u001b[31m");
    }

    @Test
    void theOverageRangeIsInOneUnitChosenByItsLateEnd() {
        assertThat(PoolLine.range(NOW.plus(Duration.ofMinutes(25)), NOW.plus(Duration.ofMinutes(28)),
                NOW.plus(Duration.ofMinutes(31)), NOW)).isEqualTo("in 25-31 minutes");
        assertThat(PoolLine.range(NOW.plus(Duration.ofHours(30)), NOW.plus(Duration.ofHours(42)),
                NOW.plus(Duration.ofHours(47)), NOW)).isEqualTo("in 30-47 hours");
        assertThat(PoolLine.range(NOW.plus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(5)), null, NOW))
                .isEqualTo("in 3+ days");
        assertThat(PoolLine.range(null, NOW.plus(Duration.ofHours(5)), null, NOW)).isEqualTo("in 5h00m");
    }

    static PoolMember member(String id, long capacityGib) {
        return PoolMember.newBuilder().setPackageKey("baidu-eip/acme/bj/" + id).setPackageId(id)
                .setStatus(PackageStatus.ACTIVE).setCapacity(capacityGib * GIB).setUsed(0).setRemaining(capacityGib * GIB)
                .setExpiresAt(NOW.plus(Duration.ofDays(30))).setProjectedWaste(0).setObservedAt(NOW).build();
    }

    static PoolState.Builder pool(PoolMember... members) {
        return PoolState.newBuilder().setPoolKey(POOL).setVendor(Vendor.BAIDU).setProduct(Product.EIP).setAccount("acme")
                .setRegion("bj").setKind(PackageKind.TRAFFIC).setLane(DeductPolicy.FULL_TIME).setUnit(AmountUnit.BYTES)
                .setDrawOrder("earliest expiry first, then earliest created").setMembers(List.of(members))
                .setCapacity(List.of(members).stream().mapToLong(PoolMember::getCapacity).sum())
                .setRemaining(List.of(members).stream().mapToLong(PoolMember::getRemaining).sum())
                .setRatePerHour(1.25 * GIB).setProjectedWaste(0).setConfidence(0.8)
                .setHorizonEndsAt(NOW.plus(Duration.ofDays(3650))).setObservedAt(NOW);
    }

    static PackageState state(String id, long capacityGib) {
        PackageSnapshot snapshot = PackageSnapshot.newBuilder(ViewRenderingTest.snapshot())
                .setPackageKey("baidu-eip/acme/bj/" + id).setVendor(Vendor.BAIDU).setProduct(Product.EIP)
                .setAccount("acme").setPackageId(id).setCapacity(capacityGib * GIB).setUsed(0).setRemaining(capacityGib * GIB)
                .build();
        return PackageState.newBuilder(ViewRenderingTest.state()).setPackageKey(snapshot.getPackageKey())
                .setSnapshot(snapshot).setPercentUsed(0.0).build();
    }
}
