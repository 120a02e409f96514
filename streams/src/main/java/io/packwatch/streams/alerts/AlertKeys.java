package io.packwatch.streams.alerts;

import io.packwatch.schema.AlertType;

/** Alert keys: packageKey#TYPE or packageKey#TYPE#band; the record key on the alert topics. */
public final class AlertKeys {

    private AlertKeys() {
    }

    public static String of(String packageKey, AlertType type, String band) {
        return band == null ? packageKey + "#" + type : packageKey + "#" + type + "#" + band;
    }

    public static boolean isExpiryTopic(AlertType type) {
        return type == AlertType.EXPIRING || type == AlertType.EXPIRED_UNUSED || type == AlertType.POOL_WASTE_FORECAST;
    }
}
