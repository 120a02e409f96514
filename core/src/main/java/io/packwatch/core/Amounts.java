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
        if (unit == AmountUnit.BYTES) {
            double v = amount;
            int i = 0;
            while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
                v /= 1024;
                i++;
            }
            return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, BYTE_UNITS[i]);
        }
        String u = switch (unit) {
            case MINUTES -> "min";
            case HOURS -> "h";
            default -> "units";
        };
        return String.format(Locale.ROOT, Math.rint(amount) == amount ? "%.0f %s" : "%.1f %s", amount, u);
    }
}
