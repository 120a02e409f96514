package io.packwatch.streams.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.envelope.IsoTimes;
import io.packwatch.core.envelope.RawEnvelopeJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Strict readers for vendor JSON. Each failure is a {@link NormalizationException} naming the field path
 * ({@code prefix.name}) and what was wrong; JSON {@code null} counts as absent (Tencent documents "may return null").
 */
final class JsonFields {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LIVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** An amount has at most this many integer digits: int64 has 19, and GB amounts are far smaller. */
    static final int MAX_INTEGER_DIGITS = 19;
    /** An amount has at most this many fraction digits (VPC's float32 GB figures have fewer than ten). */
    static final int MAX_FRACTION_DIGITS = 64;
    /** The longest numeric string read as an amount (the parser bounds JSON numbers the same way). */
    static final int MAX_NUMBER_TEXT = RawEnvelopeJson.MAX_NUMBER_LENGTH;

    private final JsonNode node;
    private final String prefix;

    JsonFields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    String path(String name) {
        return prefix + "." + name;
    }

    boolean present(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    String requiredText(String name) {
        String v = optionalText(name);
        if (v == null || v.isBlank()) {
            throw new NormalizationException(path(name), v == null ? "required field is missing" : "must not be blank");
        }
        return v;
    }

    /** A string field; numbers are accepted as their text (ids such as Live's "281975" are sometimes digits). */
    String optionalText(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (v.isTextual() || v.isNumber()) {
            return v.asText();
        }
        throw new NormalizationException(path(name), "expected a string but got " + v.getNodeType());
    }

    /** A JSON number (integer or fraction) as an exact decimal; numeric strings only when {@code lenient}. */
    BigDecimal requiredDecimal(String name, boolean lenient) {
        JsonNode v = get(name);
        if (v == null) {
            throw new NormalizationException(path(name), "required amount is missing");
        }
        BigDecimal d;
        if (v.isNumber()) {
            d = v.decimalValue();
        } else if (lenient && v.isTextual()) {
            String text = v.asText().trim();
            if (text.length() > MAX_NUMBER_TEXT) {
                // BigDecimal(String) is quadratic in the digits: refuse before parsing
                throw new NormalizationException(path(name), "numeric string of " + text.length()
                        + " characters is longer than " + MAX_NUMBER_TEXT);
            }
            try {
                d = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new NormalizationException(path(name), "not a number: '" + abbreviate(v.asText()) + "'");
            }
        } else {
            throw new NormalizationException(path(name), "expected a number but got " + v.getNodeType());
        }
        d = bounded(path(name), d);
        if (d.signum() < 0) {
            throw new NormalizationException(path(name), "negative amount " + d.toPlainString());
        }
        return d;
    }

    /** A non-negative integral amount that fits a long (int64 bytes, minutes, hours). */
    long requiredAmount(String name, boolean lenient) {
        return exactLong(path(name), requiredDecimal(name, lenient));
    }

    static long exactLong(String path, BigDecimal d) {
        bounded(path, d);
        try {
            BigInteger i = d.toBigIntegerExact();
            return i.longValueExact();
        } catch (ArithmeticException e) {
            throw new NormalizationException(path, "expected a whole number that fits int64, got " + d.toPlainString());
        }
    }

    /**
     * {@code d} if its magnitude and fraction fit an amount, checked on precision and scale alone, which cost nothing:
     * the exact conversions after this ({@code toBigIntegerExact}, {@code setScale}, {@code toPlainString}) take time
     * and memory in proportion to the exponent, so {@code 1e100000000} (11 characters) would otherwise hold the stream
     * thread for a minute.
     */
    static BigDecimal bounded(String path, BigDecimal d) {
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new NormalizationException(path, "number " + abbreviate(d.toString()) + " has " + integerDigits
                    + " integer digits, more than an int64 amount can hold (" + MAX_INTEGER_DIGITS + ")");
        }
        if (d.scale() > MAX_FRACTION_DIGITS) {
            throw new NormalizationException(path, "number " + abbreviate(d.toString()) + " has " + d.scale()
                    + " fraction digits, more than " + MAX_FRACTION_DIGITS);
        }
        return d;
    }

    Integer optionalInt(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.valueOf(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new NormalizationException(path(name), "expected an integer but got '" + abbreviate(v.asText()) + "'");
    }

    /** ISO-8601 instant with a zone designator, as Tencent VPC/Lighthouse and Baidu send ({@code ...Z}). */
    Instant optionalUtcInstant(String name) {
        String v = optionalText(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return IsoTimes.parseOffsetDateTime(v);
        } catch (DateTimeParseException e) {
            throw new NormalizationException(path(name), "unparseable UTC time '" + abbreviate(v) + "'");
        }
    }

    /** Tencent Live's zone-less {@code yyyy-MM-dd HH:mm:ss}, which is Beijing time (vendor-spec §5.2). */
    Instant optionalBeijingTime(String name) {
        String v = optionalText(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(v, LIVE_TIME).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new NormalizationException(path(name), "unparseable Beijing time '" + abbreviate(v)
                    + "' (expected yyyy-MM-dd HH:mm:ss)");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
