package io.packwatch.core;

import io.packwatch.schema.AmountUnit;
import java.util.Locale;

/**
 * Human amounts for alert texts: binary byte units (as the vendors' GB are 2^30), minutes, hours. Shared by the
 * streams app's alert messages and the notifier's Alertmanager descriptions, so both read the same.
 */
public final class Amounts {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Amounts() {
    }

    public static String format(double amount, AmountUnit unit) {
        return unit == AmountUnit.BYTES ? bytes(amount) : count(amount, switch (unit) {
            case MINUTES -> "min";
            case HOURS -> "h";
            default -> "units";
        });
    }

    /** A rate per hour: "2.5 GiB/h", "674.4 min/h", and "1787 hours/h" for hour-counted packages ("h/h" reads as a typo). */
    public static String rate(double perHour, AmountUnit unit) {
        return (unit == AmountUnit.HOURS ? count(perHour, "hours") : format(perHour, unit)) + "/h";
    }

    private static String bytes(double amount) {
        double v = amount;
        int i = 0;
        while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, BYTE_UNITS[i]);
    }

    private static String count(double amount, String unit) {
        return String.format(Locale.ROOT, Math.rint(amount) == amount ? "%.0f %s" : "%.1f %s", amount, unit);
    }
}
