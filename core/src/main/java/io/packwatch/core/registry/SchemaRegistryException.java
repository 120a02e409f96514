package io.packwatch.core.registry;

/** A schema registry call failed; the message names the registry, the call and the registry's own reason. */
public class SchemaRegistryException extends RuntimeException {

    private final int httpStatus;

    public SchemaRegistryException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public SchemaRegistryException(String message, int httpStatus) {
        this(message, httpStatus, null);
    }

    /** HTTP status of the registry's answer, 0 when there was none (unreachable, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** 409: the registry refused the schema as incompatible with the subject's compatibility level. */
    public boolean isIncompatible() {
        return httpStatus == 409;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }
}
