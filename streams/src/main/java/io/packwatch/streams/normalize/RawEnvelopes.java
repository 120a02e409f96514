package io.packwatch.streams.normalize;

import io.packwatch.core.envelope.EnvelopeException;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.core.envelope.RawEnvelopeJson;

/** Reads raw record values for the normalize stage: a broken envelope is a {@link NormalizationException} like a broken item. */
public final class RawEnvelopes {

    private RawEnvelopes() {
    }

    /** @throws NormalizationException naming the field and the problem (see {@link RawEnvelopeJson#read}) */
    public static RawEnvelope parse(byte[] bytes) {
        try {
            return RawEnvelopeJson.read(bytes);
        } catch (EnvelopeException e) {
            throw new NormalizationException(e.field(), e.problem(), e.getCause() == null ? e : e.getCause());
        }
    }
}
