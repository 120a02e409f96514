package io.packwatch.streams.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

    @Test
    void vpcIdleWindowDefaultsToThePackagesOwnAndParsesAWrappingWindow() {
        assertThat(PoolSettings.from(Map.of()).vpcIdleWindow()).isNull();
        var w = PoolSettings.from(Map.of(PoolSettings.VPC_IDLE_WINDOW, " 22:00-06:00 Asia/Shanghai ")).vpcIdleWindow();
        assertThat(w.getStart()).isEqualTo("22:00");
        assertThat(w.getEnd()).isEqualTo("06:00");
        assertThat(w.getZone()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void poolsAreOnByDefaultAndCanBeSwitchedOff() {
        assertThat(PoolSettings.from(Map.of()).enabled()).isTrue();
        assertThat(PoolSettings.from(Map.of(PoolSettings.ENABLED, "false")).enabled()).isFalse();
        assertThatThrownBy(() -> PoolSettings.from(Map.of(PoolSettings.ENABLED, "no")))
                .hasMessageContaining(PoolSettings.ENABLED).hasMessageContaining("'no'");
    }

    @Test
    void aBadWindowIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> PoolSettings.from(Map.of(PoolSettings.VPC_IDLE_WINDOW, "midnight to eight")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PoolSettings.VPC_IDLE_WINDOW).hasMessageContaining("'midnight to eight'");
        assertThatThrownBy(() -> PoolSettings.from(Map.of(PoolSettings.VPC_IDLE_WINDOW, "25:00-08:00 Asia/Shanghai")))
                .hasMessageContaining("invalid time or zone");
        assertThatThrownBy(() -> PoolSettings.from(Map.of(PoolSettings.VPC_IDLE_WINDOW, "00:00-08:00 Mars/Olympus")))
                .hasMessageContaining("invalid time or zone");
        assertThatThrownBy(() -> PoolSettings.from(Map.of(PoolSettings.VPC_IDLE_WINDOW, "08:00-08:00 UTC")))
                .hasMessageContaining("empty window");
    }
}
