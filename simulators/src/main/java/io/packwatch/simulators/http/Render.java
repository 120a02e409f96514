package io.packwatch.simulators.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packwatch.simulators.control.Fault;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Output formats shared by the handlers and the body-shaping faults. */
public record Render(boolean missingFields, boolean nullFields, boolean unknownEnum, boolean capacityAsString) {
    public static final Render NORMAL = new Render(false, false, false, false);
    public static final String UNKNOWN_STATUS = "SIMULATED_UNKNOWN_STATUS";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    public static Render of(Fault f) {
        if (f == null) return NORMAL;
        return new Render(f.type() == Fault.Type.MISSING_FIELDS, f.type() == Fault.Type.NULL_FIELDS,
                f.type() == Fault.Type.UNKNOWN_ENUM, f.type() == Fault.Type.CAPACITY_AS_STRING);
    }

    public static String utc(Instant i) { return UTC.format(i.truncatedTo(ChronoUnit.SECONDS)); }

    public static String beijing(Instant i) { return BEIJING.format(i.truncatedTo(ChronoUnit.SECONDS)); }

    /** A decimal with at most 4 fraction digits and no trailing zeros ("10", "3.2172"), like the VPC API's floats. */
    public static void decimal(JsonGenerator g, String field, double value) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(BigDecimal.valueOf(Math.round(value * 1e4), 4).stripTrailingZeros().toPlainString());
    }

    public static double round4(double v) { return Math.round(v * 1e4) / 1e4; }
}
