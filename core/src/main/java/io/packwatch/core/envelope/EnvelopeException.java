package io.packwatch.core.envelope;

/**
 * A raw envelope that breaks its contract. Names the offending field (a JSON path such as {@code $.collectedAt}) and
 * the problem, never the payload itself, so the message is safe for logs and DLQ headers.
 */
public class EnvelopeException extends RuntimeException {
    private final String field;
    private final String problem;

    public EnvelopeException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public EnvelopeException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
