package io.packwatch.simulators.scenario;

/**
 * A consumption pattern: how much a package draws between two simulated instants (epoch seconds). Every pattern is
 * a closed-form integral of its rate, so evaluating a package costs the same whether an hour or a year passed —
 * this is what keeps 100k generated packages per API cheap to serve.
 */
@FunctionalInterface
public interface Consumption {
    double SECONDS_PER_DAY = 86_400;
    /** Beijing midnight is 16:00 UTC of the previous day. */
    double BEIJING_OFFSET = 8 * 3600;

    double amount(double fromEpochSecond, double toEpochSecond);

    Consumption NONE = (a, b) -> 0;

    static Consumption constant(double perSecond) {
        return (a, b) -> perSecond * Math.max(0, b - a);
    }

    /** Rate (1 + amplitude·cos(2π(t − peak)/day)) · mean, peak given as an hour of the Beijing day. */
    static Consumption diurnal(double meanPerSecond, double amplitude, double peakHourBeijing) {
        double w = 2 * Math.PI / SECONDS_PER_DAY;
        double peak = peakHourBeijing * 3600 - BEIJING_OFFSET;
        return (a, b) -> {
            if (b <= a) return 0;
            double v = meanPerSecond * ((b - a) + amplitude / w * (Math.sin(w * (b - peak)) - Math.sin(w * (a - peak))));
            return Math.max(0, v);
        };
    }

    /** Base rate, multiplied by {@code factor} during the first {@code burstSeconds} of every {@code periodSeconds}. */
    static Consumption bursty(double basePerSecond, double periodSeconds, double burstSeconds, double factor) {
        return (a, b) -> b <= a ? 0
                : basePerSecond * (b - a) + basePerSecond * (factor - 1)
                        * (windowTime(b, periodSeconds, 0, burstSeconds) - windowTime(a, periodSeconds, 0, burstSeconds));
    }

    /** Draws only from 00:00 to 08:00 Beijing time (an idle-time / off-peak package), at the given rate. */
    static Consumption offPeak(double perSecondInWindow) {
        double offset = -BEIJING_OFFSET;
        return (a, b) -> b <= a ? 0
                : perSecondInWindow * (windowTime(b, SECONDS_PER_DAY, offset, 8 * 3600) - windowTime(a, SECONDS_PER_DAY, offset, 8 * 3600));
    }

    /** Usage billed in steps (e.g. Baidu's hourly settlement): only whole steps since the start are counted. */
    static Consumption stepped(Consumption inner, double stepSeconds) {
        return (a, b) -> {
            double steps = Math.floor((b - a) / stepSeconds);
            return steps <= 0 ? 0 : inner.amount(a, a + steps * stepSeconds);
        };
    }

    /** Total time inside windows [k·period + offset, k·period + offset + length) from the origin to t. */
    static double windowTime(double t, double period, double offset, double length) {
        double x = t - offset;
        double k = Math.floor(x / period);
        return k * length + Math.min(length, x - k * period);
    }
}
