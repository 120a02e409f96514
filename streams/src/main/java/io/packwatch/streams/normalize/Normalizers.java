package io.packwatch.streams.normalize;

import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.PackageSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of the four vendor normalizers and the entry point from a parsed envelope to a snapshot. */
public final class Normalizers {
    private static final Map<String, Normalizer> BY_API = List.of(
                    new TencentVpcNormalizer(), new TencentLighthouseNormalizer(),
                    new TencentLiveNormalizer(), new BaiduEipNormalizer())
            .stream().collect(Collectors.toUnmodifiableMap(Normalizer::api, Function.identity()));

    private Normalizers() {
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
