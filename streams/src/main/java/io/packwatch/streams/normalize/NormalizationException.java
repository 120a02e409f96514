package io.packwatch.streams.normalize;

/**
 * A raw envelope that cannot become a {@code PackageSnapshot}. Names the offending field (a JSON path such as
 * {@code item.TotalAmount}) and the problem, never the payload itself, so the message is safe for logs and DLQ headers.
 */
public class NormalizationException extends RuntimeException {
    private final String field;
    private final String problem;

    public NormalizationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public NormalizationException(String field, String problem, Throwable cause) {
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
