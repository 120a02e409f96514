package io.packwatch.streams.state;

import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.Severity;
import io.packwatch.streams.http.ApiRequest;
import io.packwatch.streams.http.RecordJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of the state and alert stores for the HTTP API, independent of how the stores were obtained. */
final class AlertQueries {

    private AlertQueries() {
    }

    /**
     * Active (FIRING) alerts of this instance, optionally filtered by type, severity and package key prefix.
     *
     * @throws io.packwatch.streams.http.BadParameter for a type or severity that does not exist
     */
    static List<Map<String, Object>> firing(ReadOnlyKeyValueStore<String, PackageTracking> trackings, Map<String, String> query) {
        Predicate<PackageAlert> filter = filter(query);
        List<PackageAlert> out = new ArrayList<>();
        try (KeyValueIterator<String, PackageTracking> it = trackings.all()) {
            while (it.hasNext()) {
                PackageTracking t = it.next().value;
                if (t != null) {
                    active(t).filter(filter).forEach(out::add);
                }
            }
        }
        out.sort(Comparator.comparing(PackageAlert::getAlertKey));
        return out.stream().map(RecordJson::toMap).toList();
    }

    /** {@code state} and active {@code alerts} of one package, for GET /packages/{key}. */
    static Map<String, Object> details(ReadOnlyKeyValueStore<String, PackageTracking> trackings, String packageKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        PackageTracking t = trackings.get(packageKey);
        PackageState state = t == null ? null : t.state();
        out.put("state", state == null ? null : RecordJson.toMap(state));
        out.put("alerts", t == null ? List.of() : active(t).map(RecordJson::toMap).toList());
        return out;
    }

    private static Stream<PackageAlert> active(PackageTracking t) {
        return t.alerts.values().stream()
                .filter(r -> r.tracker().isFiring() && r.lastEvent() != null)
                .map(AlertRecord::lastEvent);
    }

    private static Predicate<PackageAlert> filter(Map<String, String> query) {
        Predicate<PackageAlert> p = a -> true;
        AlertType type = ApiRequest.enumParam(query, "type", AlertType.class);
        if (type != null) {
            p = p.and(a -> a.getType() == type);
        }
        Severity severity = ApiRequest.enumParam(query, "severity", Severity.class);
        if (severity != null) {
            p = p.and(a -> a.getSeverity() == severity);
        }
        String prefix = query.get("package");
        if (prefix != null && !prefix.isBlank()) {
            p = p.and(a -> a.getPackageKey().startsWith(prefix));
        }
        return p;
    }
}
