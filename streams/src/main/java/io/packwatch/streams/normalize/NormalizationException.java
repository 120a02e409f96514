package io.packwatch.streams.normalize;

import io.packwatch.core.envelope.EnvelopeException;

/**
 * A raw envelope that cannot become a {@code PackageSnapshot}: a broken envelope or a vendor item that breaks its
 * API's contract. Names the offending field (a JSON path such as {@code item.TotalAmount}) and the problem, never the
 * payload itself, so the message is safe for logs and DLQ headers.
 */
public class NormalizationException extends EnvelopeException {

    public NormalizationException(String field, String problem) {
        super(field, problem);
    }

    public NormalizationException(String field, String problem, Throwable cause) {
        super(field, problem, cause);
    }
}
