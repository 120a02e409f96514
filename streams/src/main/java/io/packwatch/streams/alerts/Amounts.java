package io.packwatch.streams.alerts;

import io.packwatch.schema.AmountUnit;

/** Human amounts for alert messages; the formatting lives in {@link io.packwatch.core.Amounts}, shared with the notifier. */
public final class Amounts {

    private Amounts() {
    }

    public static String format(double amount, AmountUnit unit) {
        return io.packwatch.core.Amounts.format(amount, unit);
    }
}
