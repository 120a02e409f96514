package io.packwatch.streams.alerts;

import io.packwatch.core.VendorApi;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads {@code packwatch.alerts.*} keys, with per-vendor and per-kind overrides. For a key {@code K} the first of
 * these wins: {@code packwatch.alerts.<api>.<kind>.K}, {@code packwatch.alerts.<api>.K},
 * {@code packwatch.alerts.<vendor>.K}, {@code packwatch.alerts.<kind>.K}, {@code packwatch.alerts.K}, the default.
 * {@code <api>} is an id of the {@link VendorApi} catalogue (tencent-vpc, ...); {@code <vendor>} tencent or baidu;
 * {@code <kind>} traffic, transcode, top_speed_transcode or co_anchoring. A key with any other scope (a misspelt or
 * retired API id, say) is rejected at load: an override that silently stops applying is worse than no start.
 *
 * <p>Defaults: confirm-snapshots 2; usage.bands 80,90,100; usage.resolve-margin 2 (points);
 * depletion.warn P7D; depletion.critical PT24H; depletion.min-confidence 0.2; horizon.resolve-margin 0.1;
 * expiring.warn P7D; expiring.critical PT24H; expiring.waste-threshold-percent 10;
 * overflow.critical-percent 10; stale.poll-interval PT1M; stale.intervals 3; status.confirm-snapshots 1.
 */
public final class AlertSettings {

    public static final String PREFIX = "packwatch.alerts.";

    private final Map<String, String> raw;
    private final Map<Scope, AlertThresholds> cache = new ConcurrentHashMap<>();
    /** The setting names {@link #read} asks for (confirm-snapshots, usage.bands, ...), recorded as it asks. */
    private final Set<String> settingNames = ConcurrentHashMap.newKeySet();

    public AlertSettings(Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
        // fail at start-up, not on the first record, when a global value is malformed
        resolve(Vendor.UNKNOWN, Product.UNKNOWN, PackageKind.UNKNOWN);
        checkScopes();
    }

    public static AlertSettings defaults() {
        return new AlertSettings(Map.of());
    }

    public AlertThresholds resolve(Vendor vendor, Product product, PackageKind kind) {
        // a key of enums, not a concatenated string: this runs once per snapshot
        return cache.computeIfAbsent(new Scope(vendor, product, kind),
                scope -> read(scopes(apiId(vendor, product), vendor, kind)));
    }

    private record Scope(Vendor vendor, Product product, PackageKind kind) {
    }

    /**
     * The vendor API id used in package keys (tencent-vpc ...); for a product the catalogue does not know, the vendor's
     * own scope (so an unknown Tencent product gets Tencent's overrides, not those meant for an unknown vendor), else
     * "unknown".
     */
    static String apiId(Vendor vendor, Product product) {
        String vendorScope = "unknown";
        for (VendorApi api : VendorApi.values()) {
            if (api.vendor() == vendor && api.product() == product) {
                return api.id();
            }
            if (api.vendor() == vendor) {
                vendorScope = api.vendorName();
            }
        }
        return vendorScope;
    }

    /** Every {@code packwatch.alerts.} key must be a known setting under a known scope; names the first that is not. */
    private void checkScopes() {
        Set<String> scopes = new TreeSet<>();
        for (VendorApi api : VendorApi.values()) {
            scopes.add(api.id());
            scopes.add(api.vendorName());
            for (PackageKind kind : PackageKind.values()) {
                scopes.add(api.id() + "." + kind.name().toLowerCase(Locale.ROOT));
            }
        }
        for (PackageKind kind : PackageKind.values()) {
            scopes.add(kind.name().toLowerCase(Locale.ROOT));
        }
        for (String key : new TreeSet<>(raw.keySet())) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            // the longest name that fits: status.confirm-snapshots before confirm-snapshots
            String setting = settingNames.stream().filter(n -> rest.equals(n) || rest.endsWith("." + n))
                    .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
            if (setting == null) {
                throw new IllegalArgumentException(key + ": unknown alert setting; known settings are " + new TreeSet<>(settingNames));
            }
            String scope = rest.equals(setting) ? "" : rest.substring(0, rest.length() - setting.length() - 1);
            if (!scope.isEmpty() && !scopes.contains(scope)) {
                String first = scope.split("\\.", 2)[0];
                throw new IllegalArgumentException(key + ": unknown scope '" + scope + "'; the first part must be an API id "
                        + List.of(VendorApi.ids()) + ", a vendor or a package kind, optionally followed by a kind"
                        + (first.contains("-") ? " (no vendor API '" + first + "' in the catalogue)" : ""));
            }
        }
    }

    private static List<String> scopes(String api, Vendor vendor, PackageKind kind) {
        String k = kind.name().toLowerCase(Locale.ROOT);
        String v = vendor.name().toLowerCase(Locale.ROOT);
        return List.of(api + "." + k + ".", api + ".", v + ".", k + ".", "");
    }

    private AlertThresholds read(List<String> scopes) {
        return new AlertThresholds(
                positiveInt(scopes, "confirm-snapshots", 2),
                bands(scopes),
                number(scopes, "usage.resolve-margin", 2),
                duration(scopes, "depletion.warn", Duration.ofDays(7)),
                duration(scopes, "depletion.critical", Duration.ofHours(24)),
                number(scopes, "depletion.min-confidence", 0.2),
                number(scopes, "horizon.resolve-margin", 0.1),
                duration(scopes, "expiring.warn", Duration.ofDays(7)),
                duration(scopes, "expiring.critical", Duration.ofHours(24)),
                number(scopes, "expiring.waste-threshold-percent", 10),
                number(scopes, "overflow.critical-percent", 10),
                duration(scopes, "stale.poll-interval", Duration.ofMinutes(1)),
                positiveInt(scopes, "stale.intervals", 3),
                positiveInt(scopes, "status.confirm-snapshots", 1));
    }

    private String lookup(List<String> scopes, String key) {
        settingNames.add(key);
        for (String scope : scopes) {
            String v = raw.get(PREFIX + scope + key);
            if (v != null) {
                return v.trim();
            }
        }
        return null;
    }

    private String where(List<String> scopes, String key) {
        for (String scope : scopes) {
            if (raw.containsKey(PREFIX + scope + key)) {
                return PREFIX + scope + key;
            }
        }
        return PREFIX + key;
    }

    private int positiveInt(List<String> scopes, String key, int fallback) {
        return setting(scopes, key, fallback, Integer::parseInt, i -> i >= 1, ">= 1", "an integer");
    }

    private double number(List<String> scopes, String key, double fallback) {
        return setting(scopes, key, fallback, Double::parseDouble, d -> d >= 0 && Double.isFinite(d),
                "a non-negative number", "a number");
    }

    private Duration duration(List<String> scopes, String key, Duration fallback) {
        return setting(scopes, key, fallback, Duration::parse, d -> !d.isNegative() && !d.isZero(),
                "positive", "an ISO-8601 duration like PT24H");
    }

    /**
     * The most specific value of {@code key} in {@code scopes}, or {@code fallback}; a value that does not parse, or
     * parses to one outside the allowed range, is an error naming the property, what it must be and what it was.
     */
    private <T> T setting(List<String> scopes, String key, T fallback, Function<String, T> parse, Predicate<T> allowed,
                          String range, String type) {
        String v = lookup(scopes, key);
        if (v == null) {
            return fallback;
        }
        T value;
        try {
            value = parse.apply(v);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(where(scopes, key) + " must be " + type + ", was '" + v + "'", e);
        }
        if (!allowed.test(value)) {
            throw new IllegalArgumentException(where(scopes, key) + " must be " + range + ", was " + v);
        }
        return value;
    }

    private List<Integer> bands(List<String> scopes) {
        String v = lookup(scopes, "usage.bands");
        if (v == null) {
            return List.of(80, 90, 100);
        }
        List<Integer> bands = new ArrayList<>();
        for (String part : v.split(",")) {
            try {
                int band = Integer.parseInt(part.trim());
                if (band <= 0 || band > 1000) {
                    throw new IllegalArgumentException(where(scopes, "usage.bands") + " values must be in 1..1000, was " + band);
                }
                bands.add(band);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(scopes, "usage.bands") + " must be comma-separated integers, was '" + v + "'", e);
            }
        }
        return List.copyOf(bands.stream().distinct().sorted().toList());
    }
}
