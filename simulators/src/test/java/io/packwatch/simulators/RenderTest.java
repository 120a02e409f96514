package io.packwatch.simulators;

import io.packwatch.simulators.http.Render;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RenderTest {
    @Test
    void timestampsInBothVendorFormats() {
        Instant i = Instant.parse("2024-07-16T10:46:08.900Z");
        assertThat(Render.utc(i)).isEqualTo("2024-07-16T10:46:08Z");
        assertThat(Render.beijing(i)).isEqualTo("2024-07-16 18:46:08");
        assertThat(Render.beijing(Instant.parse("2024-12-31T16:00:00Z"))).isEqualTo("2025-01-01 00:00:00");
    }
}
