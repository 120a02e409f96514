package io.packwatch.simulators.tencent;

import io.packwatch.simulators.control.Outcome;

/** A Tencent API 3.0 error, answered as {"Response":{"Error":{"Code","Message"},"RequestId"}} with HTTP 200. */
public final class TencentError extends RuntimeException {
    private final String code;
    private final Outcome outcome;

    public TencentError(String code, String message) {
        this(code, message, code.startsWith("AuthFailure") ? Outcome.AUTH_FAILED : Outcome.BAD_REQUEST);
    }

    public TencentError(String code, String message, Outcome outcome) {
        super(message, null, false, false);
        this.code = code;
        this.outcome = outcome;
    }

    public String code() { return code; }

    public Outcome outcome() { return outcome; }
}
