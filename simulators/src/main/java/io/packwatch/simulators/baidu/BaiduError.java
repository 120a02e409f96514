package io.packwatch.simulators.baidu;

import io.packwatch.simulators.control.Outcome;

/** A Baidu error: HTTP status + {"code","message","requestId"} + x-bce-request-id (vendor-spec 4.6). */
public final class BaiduError extends RuntimeException {
    private final int status;
    private final String code;
    private final Outcome outcome;

    public BaiduError(int status, String code, String message, Outcome outcome) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.outcome = outcome;
    }

    public static BaiduError auth(int status, String code, String message) { return new BaiduError(status, code, message, Outcome.AUTH_FAILED); }

    public static BaiduError bad(int status, String code, String message) { return new BaiduError(status, code, message, Outcome.BAD_REQUEST); }

    public int status() { return status; }

    public String code() { return code; }

    public Outcome outcome() { return outcome; }
}
