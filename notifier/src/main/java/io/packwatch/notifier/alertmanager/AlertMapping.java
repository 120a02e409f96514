package io.packwatch.notifier.alertmanager;

import io.packwatch.core.Amounts;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.PackageAlert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link PackageAlert} into Alertmanager's labels and annotations. Labels are what routes, groups, inhibits
 * and silences match on, so they hold only low-cardinality identity (never amounts, which change with every
 * snapshot and would split one alert into many); the figures go into annotations.
 */
public final class AlertMapping {

    private final String queryApiUrl;
    private final String runbookTemplate;

    /**
     * @param queryApiUrl     base URL of the streams query API, for {@code generatorURL} ({@code .../packages/KEY})
     * @param runbookTemplate runbook URL with {@code {alertname}}, {@code {severity}}, {@code {vendor}}, {@code {api}},
     *                        {@code {account}}, {@code {package_id}} placeholders; empty for none
     */
    public AlertMapping(String queryApiUrl, String runbookTemplate) {
        this.queryApiUrl = queryApiUrl.endsWith("/") ? queryApiUrl.substring(0, queryApiUrl.length() - 1) : queryApiUrl;
        this.runbookTemplate = runbookTemplate == null ? "" : runbookTemplate;
    }

    /** The Alertmanager alert for {@code alert}, open from {@code episodeStart} until {@code endsAt}. */
    public AmAlert toAlertmanager(PackageAlert alert, Instant episodeStart, Instant endsAt) {
        Map<String, String> labels = labels(alert);
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", alert.getMessage());
        annotations.put("description", description(alert));
        String runbook = runbook(labels);
        if (!runbook.isEmpty()) {
            annotations.put("runbook_url", runbook);
        }
        if (alert.getProjectedDepletionAt() != null) {
            annotations.put("projected_depletion_at", alert.getProjectedDepletionAt().toString());
        }
        if (alert.getExpiresAt() != null) {
            annotations.put("expires_at", alert.getExpiresAt().toString());
        }
        if (alert.getProjectedRemainingAtExpiry() != null) {
            annotations.put("projected_remaining_at_expiry", amount(alert.getProjectedRemainingAtExpiry(), alert.getUnit()));
        }
        String generator = queryApiUrl + "/packages/" + URLEncoder.encode(alert.getPackageKey(), StandardCharsets.UTF_8);
        return new AmAlert(new TreeMap<>(labels), new TreeMap<>(annotations), episodeStart, endsAt, generator);
    }

    static Map<String, String> labels(PackageAlert alert) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alert.getType().name());
        labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put("vendor", alert.getVendor().name().toLowerCase(Locale.ROOT));
        labels.put("api", api(alert));
        labels.put("account", alert.getAccount());
        labels.put("region", alert.getRegion() == null ? "" : alert.getRegion());
        labels.put("package_id", alert.getPackageId());
        labels.put("package_key", alert.getPackageKey());
        if (alert.getBand() != null) {
            labels.put("band", alert.getBand());
        }
        if (alert.getPoolKey() != null) {
            labels.put("pool", alert.getPoolKey());
        }
        // Alertmanager drops labels with empty values; keep the set what it will store, so equality means identity.
        labels.values().removeIf(String::isEmpty);
        return labels;
    }

    /** The API is the first segment of the package key (see {@link VendorApi}); the product names it otherwise. */
    private static String api(PackageAlert alert) {
        String key = alert.getPackageKey();
        int slash = key.indexOf('/');
        String first = slash > 0 ? key.substring(0, slash) : key;
        for (String id : VendorApi.ids()) {
            if (id.equals(first)) {
                return id;
            }
        }
        return alert.getVendor().name().toLowerCase(Locale.ROOT) + "-" + alert.getProduct().name().toLowerCase(Locale.ROOT);
    }

    static String description(PackageAlert alert) {
        AmountUnit unit = alert.getUnit();
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "%.1f%% used: %s of %s, %s left", alert.getPercentUsed(),
                amount(alert.getUsed(), unit), amount(alert.getCapacity(), unit), amount(alert.getRemaining(), unit)));
        if (alert.getOverflow() > 0) {
            d.append(", ").append(amount(alert.getOverflow(), unit)).append(" beyond the quota");
        }
        if (alert.getRatePerHour() != null) {
            d.append(", rate ").append(Amounts.rate(alert.getRatePerHour(), unit));
        }
        if (alert.getProjectedDepletionAt() != null) {
            d.append(", projected to run out at ").append(alert.getProjectedDepletionAt());
        }
        if (alert.getExpiresAt() != null) {
            d.append(", expires ").append(alert.getExpiresAt());
        }
        if (alert.getProjectedRemainingAtExpiry() != null) {
            d.append(", ").append(amount(alert.getProjectedRemainingAtExpiry(), unit)).append(" projected unused at expiry");
        }
        d.append(". Package ").append(alert.getPackageKey());
        if (alert.getPackageName() != null) {
            d.append(" (").append(alert.getPackageName()).append(')');
        }
        if (alert.getResourceId() != null) {
            d.append(", resource ").append(alert.getResourceId());
        }
        d.append(", observed ").append(alert.getObservedAt()).append('.');
        return d.toString();
    }

    static String amount(double value, AmountUnit unit) {
        return Amounts.format(value, unit);
    }

    private String runbook(Map<String, String> labels) {
        String url = runbookTemplate;
        for (String name : new String[] {"alertname", "severity", "vendor", "api", "account", "package_id"}) {
            url = url.replace("{" + name + "}", URLEncoder.encode(labels.getOrDefault(name, ""), StandardCharsets.UTF_8));
        }
        return url;
    }
}
