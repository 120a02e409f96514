package io.packwatch.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import io.packwatch.streams.Envelopes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tencent CDN DescribeTrafficPackages items (vendor-spec §12), pinned on the documented example. */
class TencentCdnNormalizerTest {
    private static final Instant COLLECTED = Instant.parse("2023-11-11T07:20:00Z");
    private static final JsonNode SEED = Envelopes.seed("tencent-cdn-DescribeTrafficPackages.json").at("/Response/TrafficPackages");

    private static PackageSnapshot normalize(JsonNode item) {
        RawEnvelope env = RawEnvelopes.parse(Envelopes.bytes(Envelopes.pkg("tencent-cdn", "prod", null, "p-1", COLLECTED, item)));
        return Normalizers.normalize(env);
    }

    private static ObjectNode example() {
        return (ObjectNode) SEED.get(0).deepCopy();
    }

    @Test
    void theDocumentedExample() {
        PackageSnapshot s = normalize(example());
        assertThat(s.getPackageKey()).isEqualTo("tencent-cdn/prod/-/22890370");
        assertThat(s.getVendor()).isEqualTo(Vendor.TENCENT);
        assertThat(s.getProduct()).isEqualTo(Product.CDN);
        assertThat(s.getPackageId()).isEqualTo("22890370");
        assertThat(s.getName()).isEqualTo("日常流量包");
        assertThat(s.getKind()).isEqualTo(PackageKind.TRAFFIC);
        // decimal bytes, kept exact: 100000000000 bytes is 100 GB (not 100 GiB), no conversion applied
        assertThat(s.getUnit()).isEqualTo(AmountUnit.BYTES);
        assertThat(s.getCapacity()).isEqualTo(100_000_000_000L).isNotEqualTo(100L << 30);
        assertThat(s.getUsed()).isZero();
        assertThat(s.getRemaining()).isEqualTo(100_000_000_000L);
        assertThat(s.getOriginalAmounts()).isNull();
        // Beijing time without a zone: 2023-11-11 15:00:00 is 07:00 UTC
        assertThat(s.getExpiresAt()).isEqualTo(Instant.parse("2023-11-11T07:00:00Z"));
        assertThat(s.getCreatedAt()).isEqualTo(Instant.parse("2022-11-11T07:52:28Z"));
        assertThat(s.getActivatedAt()).isEqualTo(Instant.parse("2022-11-11T07:00:00Z"));
        // an unknown-to-the-SDK status is kept, not failed on
        assertThat(s.getStatus()).isEqualTo(PackageStatus.FROZEN);
        assertThat(s.getVendorStatus()).isEqualTo("frozen");
        // Area mainland, Region 0: the billing region is the snapshot's region (the API has no polled region)
        assertThat(s.getRegion()).isEqualTo("mainland");
        assertThat(s.getAutoRenew()).isFalse();
        assertThat(s.getObservedAt()).isEqualTo(COLLECTED);
    }

    @Test
    void statusesTheSdkDoesNotKnowAreKeptVerbatim() {
        ObjectNode item = example().put("Status", "isolated");
        PackageSnapshot s = normalize(item);
        assertThat(s.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(s.getVendorStatus()).isEqualTo("isolated");
        assertThat(normalize(example().put("Status", "enabled")).getStatus()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(normalize(example().put("Status", "expired")).getStatus()).isEqualTo(PackageStatus.EXPIRED);
        assertThat(normalize(example().put("Status", "disabled")).getStatus()).isEqualTo(PackageStatus.NOT_STARTED);
    }

    @Test
    void usedUpIsExhaustedUnlessTheExtensionModeRenewsWhenUsedUp() {
        ObjectNode usedUp = example().put("Status", "enabled").put("BytesUsed", 100_000_000_000L);
        assertThat(normalize(usedUp.deepCopy().put("ExtensionMode", 0)).getStatus()).isEqualTo(PackageStatus.EXHAUSTED);
        assertThat(normalize(usedUp.deepCopy().put("ExtensionMode", 1)).getStatus()).as("renews at expiry only")
                .isEqualTo(PackageStatus.EXHAUSTED);
        for (int renewsWhenUsedUp : new int[] {2, 3}) {
            PackageSnapshot s = normalize(usedUp.deepCopy().put("ExtensionMode", renewsWhenUsedUp));
            assertThat(s.getStatus()).as("ExtensionMode " + renewsWhenUsedUp).isEqualTo(PackageStatus.ACTIVE);
            assertThat(s.getAutoRenew()).as("ExtensionMode " + renewsWhenUsedUp).isTrue();
        }
        // the second documented item: used up, mode 2, overseas Region 6, null effective window
        PackageSnapshot second = normalize(SEED.get(1));
        assertThat(second.getStatus()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(second.getRegion()).isEqualTo("europe");
        assertThat(second.getActivatedAt()).as("EnableTime when TrueEnableTime is null").isEqualTo(Instant.parse("2021-10-31T16:00:00Z"));
    }

    @Test
    void olderResponsesWithoutExtensionModeOrRegionFallBackToAutoExtensionAndArea() {
        ObjectNode older = example();
        older.remove("ExtensionMode");
        older.remove("Region");
        older.put("AutoExtension", true).put("Area", "overseas");
        PackageSnapshot s = normalize(older);
        assertThat(s.getAutoRenew()).isTrue();
        assertThat(s.getRegion()).isEqualTo("overseas");
        assertThat(TencentCdnNormalizer.billingRegion("overseas", 42)).isEqualTo("overseas-region-42");
    }

    @Test
    void brokenItemsNameTheField() {
        assertThatThrownBy(() -> normalize(example().put("BytesUsed", 100_000_000_001L)))
                .isInstanceOf(NormalizationException.class).hasMessageContaining("item.BytesUsed");
        assertThatThrownBy(() -> normalize(example().put("ExpireTime", "2023-11-11T15:00:00Z")))
                .isInstanceOf(NormalizationException.class).hasMessageContaining("item.ExpireTime");
        ObjectNode noBytes = example();
        noBytes.remove("Bytes");
        assertThatThrownBy(() -> normalize(noBytes)).isInstanceOf(NormalizationException.class).hasMessageContaining("item.Bytes");
    }
}
