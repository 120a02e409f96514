package io.packwatch.simulators.control;

import io.packwatch.simulators.scenario.ScenarioException;
import io.packwatch.simulators.scenario.ScenarioFile;
import io.packwatch.simulators.scenario.Durations;

import java.time.Duration;
import java.util.Locale;

/**
 * A fault a request can be given instead of (or on top of) its normal answer. What each looks like on the wire is
 * documented in docs/simulators.md and pinned by FaultModesTest.
 *
 * @param status HTTP status for {@link Type#HTTP_5XX} and Baidu {@link Type#ERROR}
 * @param delay  extra latency for {@link Type#SLOW} (the normal answer follows)
 * @param code   the vendor error code for {@link Type#ERROR}
 */
public record Fault(Type type, int status, Duration delay, String code) {
    public enum Type {
        /** Non-200 HTTP status with a plain-text body (Tencent SDK: ServerSideError; Baidu: a vendor-shaped error for 500). */
        HTTP_5XX,
        /** Tencent: HTTP 200 envelope with Error.Code InternalError; Baidu: HTTP 500 {"code":"InternalError"}. */
        INTERNAL_ERROR,
        /** Tencent RequestLimitExceeded (HTTP 200); Baidu HTTP 429 {"code":"RequestLimitExceeded"}. */
        THROTTLE,
        /** The normal answer after a delay (to exceed client timeouts). */
        SLOW,
        /** The connection is closed without any response bytes. */
        CONNECTION_RESET,
        /** Tencent: the body cut in half; Baidu: the documentation's broken {@code "expireTime:" "..."} key. */
        MALFORMED_JSON,
        /** Required fields left out (totals and the amount fields of every item). */
        MISSING_FIELDS,
        /** Nullable fields sent as JSON null. */
        NULL_FIELDS,
        /** Status (and deduct policy) values the vendor does not document. */
        UNKNOWN_ENUM,
        /** Baidu: capacity/usedCapacity as JSON strings, as the docs' types suggest. */
        CAPACITY_AS_STRING,
        /** The vendor documentation's example response, verbatim (Baidu's broken key repaired). */
        FIXTURE,
        /**
         * Any vendor error code: Tencent HTTP 200 envelope with that Error.Code (e.g. ResourceNotFound.StopService,
         * UnauthorizedOperation.NoPermission); Baidu that HTTP status with {"code": code} (e.g. 403 AccessDenied).
         */
        ERROR
    }

    public Fault {
        if (type == null) throw new IllegalArgumentException("fault type is required");
        if (type == Type.HTTP_5XX && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("HTTP_5XX needs a status 500..599, got " + status);
        }
        if (type == Type.SLOW && (delay == null || delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("SLOW needs a positive delay");
        }
        if (type == Type.ERROR && (code == null || code.isBlank() || status < 400 || status > 599)) {
            throw new IllegalArgumentException("ERROR needs a code and an HTTP status 400..599 (used by Baidu)");
        }
    }

    /** True when the fault is the whole answer (no normal body is built). */
    public boolean replacesAnswer() {
        return switch (type) {
            case HTTP_5XX, CONNECTION_RESET, INTERNAL_ERROR, THROTTLE, FIXTURE, ERROR -> true;
            default -> false;
        };
    }

    public static Fault http(int status) { return new Fault(Type.HTTP_5XX, status, null, null); }

    /** A Tencent error code (HTTP 200 envelope); for Baidu HTTP 400 with that code. */
    public static Fault error(String code) { return new Fault(Type.ERROR, 400, null, code); }

    /** A vendor error code; {@code status} is the HTTP status Baidu answers with (Tencent always answers 200). */
    public static Fault error(String code, int status) { return new Fault(Type.ERROR, status, null, code); }

    public static Fault internalError() { return of(Type.INTERNAL_ERROR); }

    public static Fault throttle() { return of(Type.THROTTLE); }

    public static Fault slow(Duration delay) { return new Fault(Type.SLOW, 0, delay, null); }

    public static Fault connectionReset() { return of(Type.CONNECTION_RESET); }

    public static Fault malformedJson() { return of(Type.MALFORMED_JSON); }

    public static Fault missingFields() { return of(Type.MISSING_FIELDS); }

    public static Fault nullFields() { return of(Type.NULL_FIELDS); }

    public static Fault unknownEnum() { return of(Type.UNKNOWN_ENUM); }

    public static Fault capacityAsString() { return of(Type.CAPACITY_AS_STRING); }

    public static Fault fixture() { return of(Type.FIXTURE); }

    public static Fault of(Type type) { return new Fault(type, 0, null, null); }

    public static Fault fromDef(ScenarioFile.FaultDef d) {
        String where = "faults[" + d.api() + "]";
        if (d.api() == null) throw new ScenarioException("faults: 'api' is required");
        try {
            io.packwatch.core.VendorApi.fromId(d.api());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ": " + e.getMessage());
        }
        if (d.next() != null && d.next() <= 0) throw new ScenarioException(where + ".next: must be > 0");
        if (d.type() == null) throw new ScenarioException(where + ": 'type' is required");
        Type type;
        try {
            type = Type.valueOf(d.type().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ": unknown fault type '" + d.type() + "', known: " + java.util.Arrays.toString(Type.values()));
        }
        if ((d.rate() == null) == (d.next() == null)) throw new ScenarioException(where + ": give exactly one of 'rate' or 'next'");
        if (d.rate() != null && (d.rate() < 0 || d.rate() > 1)) throw new ScenarioException(where + ".rate: must be 0..1");
        windowOf(d, java.time.Instant.EPOCH);
        try {
            int status = d.status() != null ? d.status() : type == Type.ERROR ? 400 : 500;
            return new Fault(type, status, d.delay() == null ? null : Durations.parse(d.delay(), where + ".delay"), d.code());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ": " + e.getMessage());
        }
    }

    /** The scenario fault's [from, until) window in simulation time, relative to the simulator's epoch. */
    public static FaultController.Window windowOf(ScenarioFile.FaultDef d, java.time.Instant epoch) {
        String where = "faults[" + d.api() + "]";
        java.time.Instant from = d.from() == null ? null : Durations.time(d.from(), epoch, where + ".from");
        java.time.Instant until = d.until() == null ? null : Durations.time(d.until(), epoch, where + ".until");
        try {
            return new FaultController.Window(from, until);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ": " + e.getMessage());
        }
    }
}
