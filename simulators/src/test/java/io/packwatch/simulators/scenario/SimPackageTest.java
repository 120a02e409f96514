package io.packwatch.simulators.scenario;

import io.packwatch.core.VendorApi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Lifecycle over simulated time: exhaustion, expiry, renewal, Lighthouse cycles, scripted statuses. */
class SimPackageTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SimPackage pkg(VendorApi api, double cap, double used, Duration life, double perSecond, Duration cycle, boolean overflow,
                                  Duration renew, int times, List<SimPackage.StatusEvent> events) {
        return new SimPackage(api, "id", "n", "r", "lhins-00000001", 0, "WebOutBytes", cap, used, T0, T0, T0.plus(life), T0, false,
                Consumption.constant(perSecond), cycle, overflow, renew, times, events, Map.of(), 0, 0);
    }

    @Test
    void usesUpThenStaysExhaustedUntilExpiry() {
        SimPackage p = pkg(VendorApi.TENCENT_VPC, 100, 50, Duration.ofHours(1), 1, null, false, null, 0, List.of());
        assertThat(p.at(T0.plusSeconds(10)).used()).isCloseTo(60, within(1e-9));
        assertThat(p.at(T0.plusSeconds(10)).phase()).isEqualTo(SimPackage.Phase.ACTIVE);
        SimPackage.View done = p.at(T0.plusSeconds(60));
        assertThat(done.used()).isEqualTo(100);
        assertThat(done.phase()).isEqualTo(SimPackage.Phase.EXHAUSTED);
        assertThat(p.at(T0.plusSeconds(3600)).phase()).isEqualTo(SimPackage.Phase.EXPIRED);
    }

    @Test
    void expiryStopsConsumptionWithCapacityLeft() {
        SimPackage p = pkg(VendorApi.BAIDU_EIP, 1000, 0, Duration.ofSeconds(100), 1, null, false, null, 0, List.of());
        SimPackage.View v = p.at(T0.plusSeconds(500));
        assertThat(v.phase()).isEqualTo(SimPackage.Phase.EXPIRED);
        assertThat(v.used()).isCloseTo(100, within(1e-9));
        assertThat(v.remaining(1000)).isCloseTo(900, within(1e-9));
    }

    @Test
    void notStartedBeforeStart() {
        SimPackage p = pkg(VendorApi.TENCENT_LIVE, 10, 0, Duration.ofHours(1), 1, null, false, null, 0, List.of());
        assertThat(p.at(T0.minusSeconds(1)).phase()).isEqualTo(SimPackage.Phase.NOT_STARTED);
    }

    @Test
    void renewalExtendsAndRestartsUsage() {
        SimPackage p = pkg(VendorApi.TENCENT_LIVE, 1000, 500, Duration.ofSeconds(100), 1, null, false, Duration.ofSeconds(100), 1, List.of());
        SimPackage.View v = p.at(T0.plusSeconds(130));
        assertThat(v.renewals()).isEqualTo(1);
        assertThat(v.expire()).isEqualTo(T0.plusSeconds(200));
        assertThat(v.used()).isCloseTo(30, within(1e-9));
        assertThat(v.phase()).isEqualTo(SimPackage.Phase.ACTIVE);
        // only one renewal: expired after the second period
        assertThat(p.at(T0.plusSeconds(250)).phase()).isEqualTo(SimPackage.Phase.EXPIRED);
    }

    @Test
    void lighthouseCycleResetsUsageAndOverflowsWithinACycle() {
        SimPackage p = pkg(VendorApi.TENCENT_LIGHTHOUSE, 100, 90, Duration.ofSeconds(1000), 1, Duration.ofSeconds(300), true, null, 0, List.of());
        SimPackage.View first = p.at(T0.plusSeconds(50));
        assertThat(first.used()).isCloseTo(140, within(1e-9));
        assertThat(first.cycleStart()).isEqualTo(T0);
        assertThat(first.cycleEnd()).isEqualTo(T0.plusSeconds(300));
        SimPackage.View second = p.at(T0.plusSeconds(310));
        assertThat(second.used()).isCloseTo(10, within(1e-9));
        assertThat(second.cycleStart()).isEqualTo(T0.plusSeconds(300));
        assertThat(p.at(T0.plusSeconds(950)).cycleEnd()).isEqualTo(T0.plusSeconds(1000));
    }

    @Test
    void scriptedStatusesAndRemoval() {
        SimPackage p = pkg(VendorApi.TENCENT_VPC, 100, 0, Duration.ofHours(1), 0, null, false, null, 0, List.of(
                new SimPackage.StatusEvent(T0.plusSeconds(10), "REFUNDED", false),
                new SimPackage.StatusEvent(T0.plusSeconds(20), null, false),
                new SimPackage.StatusEvent(T0.plusSeconds(30), null, true)));
        assertThat(p.at(T0.plusSeconds(5)).statusOverride()).isNull();
        assertThat(p.at(T0.plusSeconds(15)).statusOverride()).isEqualTo("REFUNDED");
        assertThat(p.at(T0.plusSeconds(25)).statusOverride()).isNull();
        assertThat(p.at(T0.plusSeconds(35)).present()).isFalse();
        assertThat(p.hasRemoval()).isTrue();
    }
}
