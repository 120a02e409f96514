package io.packwatch.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits of each alert knob, the scoped key an error names, and the API ids overrides are keyed by. */
class AlertSettingsBoundsTest {

    private static AlertThresholds vpc(Map<String, String> raw) {
        return new AlertSettings(raw).resolve(Vendor.TENCENT, Product.VPC, PackageKind.TRAFFIC);
    }

    @Test
    void bandsFromOneToAThousandAreKeptSortedAndDistinct() {
        assertThat(vpc(Map.of("packwatch.alerts.usage.bands", "1000, 1, 50,50")).usageBands()).containsExactly(1, 50, 1000);
        assertThatThrownBy(() -> vpc(Map.of("packwatch.alerts.usage.bands", "0,90")))
                .hasMessage("packwatch.alerts.usage.bands values must be in 1..1000, was 0");
        assertThatThrownBy(() -> vpc(Map.of("packwatch.alerts.usage.bands", "1001")))
                .hasMessage("packwatch.alerts.usage.bands values must be in 1..1000, was 1001");
    }

    @Test
    void numbersMustBeFiniteAndNotNegativeAndTheErrorNamesTheScopedKey() {
        assertThat(vpc(Map.of("packwatch.alerts.tencent-vpc.depletion.min-confidence", "0")).depletionMinConfidence())
                .isZero();
        assertThat(vpc(Map.of("packwatch.alerts.traffic.horizon.resolve-margin", " 0.25 ")).horizonResolveMargin())
                .isEqualTo(0.25);
        assertThatThrownBy(() -> vpc(Map.of("packwatch.alerts.tencent-vpc.traffic.usage.resolve-margin", "-0.5")))
                .hasMessage("packwatch.alerts.tencent-vpc.traffic.usage.resolve-margin must be a non-negative number, was -0.5");
        assertThatThrownBy(() -> vpc(Map.of("packwatch.alerts.tencent.overflow.critical-percent", "Infinity")))
                .hasMessage("packwatch.alerts.tencent.overflow.critical-percent must be a non-negative number, was Infinity");
        assertThatThrownBy(() -> vpc(Map.of("packwatch.alerts.tencent.overflow.critical-percent", "NaN")))
                .hasMessageContaining("must be a non-negative number, was NaN");
        assertThatThrownBy(() -> vpc(Map.of("packwatch.alerts.expiring.waste-threshold-percent", "ten")))
                .hasMessage("packwatch.alerts.expiring.waste-threshold-percent must be a number, was 'ten'");
    }

    @Test
    void countsStartAtOne() {
        assertThat(vpc(Map.of("packwatch.alerts.confirm-snapshots", "1")).confirmSnapshots()).isEqualTo(1);
        assertThatThrownBy(() -> new AlertSettings(Map.of("packwatch.alerts.baidu.confirm-snapshots", "0"))
                .resolve(Vendor.BAIDU, Product.EIP, PackageKind.TRAFFIC))
                .hasMessage("packwatch.alerts.baidu.confirm-snapshots must be >= 1, was 0");
    }

    @Test
    void eachApiHasItsOwnOverrides() {
        Map<String, String> raw = Map.of("packwatch.alerts.tencent-vpc.stale.intervals", "5",
                "packwatch.alerts.tencent-lighthouse.stale.intervals", "6", "packwatch.alerts.tencent-live.stale.intervals", "7",
                "packwatch.alerts.baidu-eip.stale.intervals", "8", "packwatch.alerts.unknown.stale.intervals", "9");
        AlertSettings settings = new AlertSettings(raw);
        assertThat(List.of(Product.VPC, Product.LIGHTHOUSE, Product.LIVE)).map(p ->
                settings.resolve(Vendor.TENCENT, p, PackageKind.TRAFFIC).staleIntervals()).containsExactly(5, 6, 7);
        assertThat(settings.resolve(Vendor.BAIDU, Product.EIP, PackageKind.TRAFFIC).staleIntervals()).isEqualTo(8);
        assertThat(settings.resolve(Vendor.UNKNOWN, Product.UNKNOWN, PackageKind.TRAFFIC).staleIntervals()).isEqualTo(9);
        assertThat(AlertSettings.apiId(Vendor.TENCENT, Product.UNKNOWN)).isEqualTo("tencent");
    }

    @Test
    void staleAfterIsThePollIntervalTimesTheIntervals() {
        AlertThresholds t = vpc(Map.of("packwatch.alerts.stale.poll-interval", "PT2M", "packwatch.alerts.stale.intervals", "4"));
        assertThat(t.staleAfter()).isEqualTo(Duration.ofMinutes(8));
        assertThat(t.staleAfterMillis()).isEqualTo(480_000L);
    }

    @Test
    void expiryTypesGoToTheExpiryTopic() {
        assertThat(AlertType.values()).filteredOn(AlertKeys::isExpiryTopic)
                .containsExactlyInAnyOrder(AlertType.EXPIRING, AlertType.EXPIRED_UNUSED, AlertType.POOL_WASTE_FORECAST);
    }
}
