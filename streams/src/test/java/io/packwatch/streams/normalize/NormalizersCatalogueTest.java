package io.packwatch.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.VendorApi;
import io.packwatch.streams.Envelopes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The normalizer of each API is chosen by an exhaustive switch over {@link VendorApi} ({@link Normalizers#of}): a
 * catalogue entry without a normalizer is a compile error. This shows every catalogue id reaches a normalizer of
 * its own and passes the envelope check, and that an id outside the catalogue is refused by name.
 */
class NormalizersCatalogueTest {

    @Test
    void everyCatalogueApiHasANormalizerOfItsOwn() {
        Map<Class<?>, VendorApi> owners = new LinkedHashMap<>();
        for (VendorApi api : VendorApi.values()) {
            Normalizer normalizer = Normalizers.forApi(api.id());
            assertThat(owners.put(normalizer.getClass(), api)).as(api.id() + " shares a normalizer").isNull();
        }
        assertThat(owners).hasSize(VendorApi.values().length);
    }

    @Test
    void theEnvelopeCheckAcceptsExactlyTheCatalogue() {
        Instant at = Instant.parse("2026-12-03T00:00:00Z");
        for (VendorApi api : VendorApi.values()) {
            byte[] bytes = Envelopes.pkg(api.id(), "acct", api.regional() ? "r" : null, "p1", at, Envelopes.json("{}"))
                    .toString().getBytes(StandardCharsets.UTF_8);
            assertThat(RawEnvelopes.parse(bytes).api()).isEqualTo(api);
        }
        byte[] unknown = Envelopes.pkg("tencent-cnd", "acct", null, "p1", at, Envelopes.json("{}"))
                .toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RawEnvelopes.parse(unknown)).hasMessageContaining("unknown api 'tencent-cnd'");
        assertThatThrownBy(() -> Normalizers.forApi("tencent-cnd")).hasMessageContaining("tencent-cnd");
    }
}
