package io.packwatch.simulators.scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts in scenario files: a plain number in the API's native unit (VPC GB, bytes, Live minutes/hours), a byte
 * size with a unit ("10GiB" binary, "500GB" decimal), or a percentage of the package capacity ("5%").
 */
public final class Amounts {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]i?B|B)?");

    private Amounts() { }

    /**
     * @param bytesPerNativeUnit 2^30 for VPC (native GB), 1 for byte APIs, 0 when the native unit is not bytes
     * @param capacity           the capacity in native units for percentages, or NaN when a percentage is not allowed
     */
    public static double parse(String text, double bytesPerNativeUnit, double capacity, String where) {
        String t = text.trim();
        if (t.endsWith("%")) {
            if (Double.isNaN(capacity)) throw new ScenarioException(where + ": a percentage is not allowed here ('" + text + "')");
            return capacity * number(t.substring(0, t.length() - 1), text, where) / 100.0;
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) throw new ScenarioException(where + ": '" + text + "' is not an amount (use 100, 10GiB, 500GB or 5%)");
        double v = Double.parseDouble(m.group(1));
        if (m.group(2) == null) return v;
        if (bytesPerNativeUnit == 0) {
            throw new ScenarioException(where + ": '" + text + "' has a byte unit but this package counts minutes or hours");
        }
        return v * bytes(m.group(2)) / bytesPerNativeUnit;
    }

    /** A rate "AMOUNT/UNIT" (UNIT s, min, h, d) → native units per second. */
    public static double rate(String text, double bytesPerNativeUnit, double capacity, String where) {
        if (text.trim().startsWith("-")) throw new ScenarioException(where + ": rate '" + text + "' is negative; usage only consumes");
        int slash = text.lastIndexOf('/');
        if (slash < 0) throw new ScenarioException(where + ": rate '" + text + "' needs a time unit, e.g. 2%/min or 1GiB/h");
        double amount = parse(text.substring(0, slash), bytesPerNativeUnit, capacity, where);
        double seconds = switch (text.substring(slash + 1).trim()) {
            case "s" -> 1;
            case "m", "min" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> throw new ScenarioException(where + ": rate '" + text + "' has an unknown time unit (s, min, h, d)");
        };
        return amount / seconds;
    }

    private static double number(String s, String text, String where) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(where + ": '" + text + "' is not a number");
        }
    }

    private static double bytes(String unit) {
        String u = unit.toUpperCase(Locale.ROOT);
        boolean binary = u.contains("I");
        int power = "BKMGTP".indexOf(u.charAt(0));
        return Math.pow(binary ? 1024 : 1000, power);
    }
}
