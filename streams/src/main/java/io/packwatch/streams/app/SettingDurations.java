package io.packwatch.streams.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads a positive ISO-8601 duration setting, with an error naming the key. */
final class SettingDurations {
    private SettingDurations() {
    }

    static Duration positive(Map<String, String> settings, String key, String fallback) {
        String text = settings.getOrDefault(key, fallback).trim();
        try {
            Duration d = Duration.parse(text);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a positive ISO-8601 duration like " + fallback
                + ", got '" + text + "'");
    }
}
