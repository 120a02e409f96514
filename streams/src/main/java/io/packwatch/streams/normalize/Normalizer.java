package io.packwatch.streams.normalize;

import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.PackageSnapshot;

/**
 * Turns one vendor package item into a {@link PackageSnapshot}. Implementations are pure functions: no I/O, no clock,
 * no state; the same envelope always gives the same snapshot or the same {@link NormalizationException}. Which
 * normalizer reads which API is decided in one place, {@link Normalizers#of}.
 */
public interface Normalizer {

    /** The vendor's package id inside the item (used for the package key). */
    String packageId(RawEnvelope envelope);

    /** @throws NormalizationException naming the field and the problem when the item breaks the vendor contract */
    PackageSnapshot normalize(RawEnvelope envelope);
}
