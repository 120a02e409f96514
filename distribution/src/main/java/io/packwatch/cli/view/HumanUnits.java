package io.packwatch.cli.view;

import io.packwatch.schema.AmountUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Amounts, rates and instants the way an operator reads them. */
final class HumanUnits {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private HumanUnits() {
    }

    static String amount(double value, AmountUnit unit) {
        return switch (unit) {
            case BYTES -> bytes(value);
            case MINUTES -> number(value) + " min";
            case HOURS -> number(value) + " h";
            default -> number(value);
        };
    }

    static String rate(Double perHour, AmountUnit unit) {
        if (perHour == null) {
            return "-";
        }
        // "1787 h/h" reads as a typo: hour-counted packages (co-anchoring) get "1787 hours/h"
        return (unit == AmountUnit.HOURS ? number(perHour) + " hours" : amount(perHour, unit)) + "/h";
    }

    static String bytes(double value) {
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, BYTE_UNITS[i]);
    }

    static String number(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** "in 3h12m", "2d ago", "-" — relative to now, because that is what an on-call engineer acts on. */
    static String relative(Instant instant, Instant now) {
        if (instant == null) {
            return "-";
        }
        Duration d = Duration.between(now, instant);
        String text = duration(d.abs());
        return d.isNegative() ? text + " ago" : "in " + text;
    }

    static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        if (seconds < 86_400) {
            return (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02d", (seconds % 3600) / 60) + "m";
        }
        return (seconds / 86_400) + "d" + ((seconds % 86_400) / 3600) + "h";
    }

    static String bar(double percent, int width) {
        double clamped = Math.max(0, Math.min(100, percent));
        int full = (int) Math.round(clamped / 100 * width);
        return "#".repeat(full) + ".".repeat(width - full);
    }
}
