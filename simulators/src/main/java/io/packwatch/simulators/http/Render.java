package io.packwatch.simulators.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packwatch.simulators.control.Fault;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

    /** yyyy-MM-ddTHH:mm:ssZ. Hand-formatted: DateTimeFormatter was the largest cost of a 100-item page. */
    public static String utc(Instant i) { return format(i.getEpochSecond(), 0, 'T', "Z"); }

    /** yyyy-MM-dd HH:mm:ss in Beijing time (UTC+8, no DST since 1991). */
    public static String beijing(Instant i) { return format(i.getEpochSecond(), 8 * 3600, ' ', ""); }

    private static String format(long epochSecond, int offsetSeconds, char sep, String suffix) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.ofTotalSeconds(offsetSeconds));
        if (t.getYear() < 1000 || t.getYear() > 9999) return (sep == 'T' ? UTC : BEIJING).format(Instant.ofEpochSecond(epochSecond));
        char[] c = new char[19 + suffix.length()];
        put4(c, 0, t.getYear());
        c[4] = '-';
        put2(c, 5, t.getMonthValue());
        c[7] = '-';
        put2(c, 8, t.getDayOfMonth());
        c[10] = sep;
        put2(c, 11, t.getHour());
        c[13] = ':';
        put2(c, 14, t.getMinute());
        c[16] = ':';
        put2(c, 17, t.getSecond());
        for (int k = 0; k < suffix.length(); k++) c[19 + k] = suffix.charAt(k);
        return new String(c);
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] c, int at, int v) {
        put2(c, at, v / 100);
        put2(c, at + 2, v % 100);
    }

    /** A decimal with at most 4 fraction digits and no trailing zeros ("10", "3.2172"), like the VPC API's floats. */
    public static void decimal(JsonGenerator g, String field, double value) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(BigDecimal.valueOf(Math.round(value * 1e4), 4).stripTrailingZeros().toPlainString());
    }

    public static double round4(double v) { return Math.round(v * 1e4) / 1e4; }
}
