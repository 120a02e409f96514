package io.packwatch.streams.normalize;

import io.packwatch.core.VendorApi;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.PackageSnapshot;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The registry of the vendor normalizers, one per catalogue API, and the entry point from a parsed envelope to a snapshot. */
public final class Normalizers {
    private static final Map<String, Normalizer> BY_API = Arrays.stream(VendorApi.values())
            .collect(Collectors.toUnmodifiableMap(VendorApi::id, Normalizers::of));

    private Normalizers() {
    }

    /** The per-API part of the streams app: an exhaustive switch, so a catalogue entry without a normalizer does not compile. */
    static Normalizer of(VendorApi api) {
        return switch (api) {
            case TENCENT_VPC -> new TencentVpcNormalizer();
            case TENCENT_LIGHTHOUSE -> new TencentLighthouseNormalizer();
            case TENCENT_LIVE -> new TencentLiveNormalizer();
            case BAIDU_EIP -> new BaiduEipNormalizer();
            case TENCENT_CDN -> new TencentCdnNormalizer();
        };
    }

    public static Normalizer forApi(String api) {
        Normalizer n = BY_API.get(api);
        if (n == null) {
            throw new NormalizationException("$.api", "no normalizer for api '" + api + "'");
        }
        return n;
    }

    /** Normalizes a {@code type=package} envelope. */
    public static PackageSnapshot normalize(RawEnvelope envelope) {
        if (!envelope.isPackage()) {
            throw new IllegalArgumentException("not a package envelope: " + envelope.type());
        }
        return forApi(envelope.api().id()).normalize(envelope);
    }

    /** The package key of a {@code type=package} envelope. */
    public static String packageKey(RawEnvelope envelope) {
        return envelope.packageKey(forApi(envelope.api().id()).packageId(envelope));
    }
}
