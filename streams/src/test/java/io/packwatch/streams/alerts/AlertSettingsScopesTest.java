package io.packwatch.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.VendorApi;
import io.packwatch.schema.PackageKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-API overrides are keyed by catalogue ids; a key that would never apply fails the load and says why. */
class AlertSettingsScopesTest {

    @Test
    void everyCatalogueApiIdIsAScopeThatApplies() {
        for (VendorApi api : VendorApi.values()) {
            AlertSettings settings = new AlertSettings(Map.of("packwatch.alerts." + api.id() + ".usage.bands", "42"));
            assertThat(settings.resolve(api.vendor(), api.product(), PackageKind.TRAFFIC).usageBands()).as(api.id())
                    .containsExactly(42);
        }
    }

    @Test
    void anUnknownApiIdIsRejectedAtLoadNamingTheKey() {
        assertThatThrownBy(() -> new AlertSettings(Map.of("packwatch.alerts.tencent-vcp.usage.bands", "50")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("packwatch.alerts.tencent-vcp.usage.bands")
                .hasMessageContaining("no vendor API 'tencent-vcp'")
                .hasMessageContaining("tencent-vpc");
        assertThatThrownBy(() -> new AlertSettings(Map.of("packwatch.alerts.tencent-vcp.traffic.depletion.warn", "P1D")))
                .hasMessageContaining("unknown scope 'tencent-vcp.traffic'");
    }

    @Test
    void anUnknownSettingOrKindIsRejectedToo() {
        assertThatThrownBy(() -> new AlertSettings(Map.of("packwatch.alerts.tencent-vpc.usage.bandz", "50")))
                .hasMessageContaining("packwatch.alerts.tencent-vpc.usage.bandz: unknown alert setting");
        assertThatThrownBy(() -> new AlertSettings(Map.of("packwatch.alerts.tencent-live.coanchoring.usage.bands", "50")))
                .hasMessageContaining("unknown scope 'tencent-live.coanchoring'");
    }

    @Test
    void nestedSettingNamesAreNotMistakenForScopes() {
        AlertSettings settings = new AlertSettings(Map.of(
                "packwatch.alerts.status.confirm-snapshots", "3",
                "packwatch.alerts.baidu.status.confirm-snapshots", "5",
                "packwatch.alerts.tencent-vpc.traffic.confirm-snapshots", "4"));
        assertThat(settings.resolve(VendorApi.TENCENT_LIVE.vendor(), VendorApi.TENCENT_LIVE.product(), PackageKind.TRAFFIC)
                .exhaustedConfirm()).isEqualTo(3);
        assertThat(settings.resolve(VendorApi.BAIDU_EIP.vendor(), VendorApi.BAIDU_EIP.product(), PackageKind.TRAFFIC)
                .exhaustedConfirm()).isEqualTo(5);
        assertThat(settings.resolve(VendorApi.TENCENT_VPC.vendor(), VendorApi.TENCENT_VPC.product(), PackageKind.TRAFFIC)
                .confirmSnapshots()).isEqualTo(4);
    }
}
