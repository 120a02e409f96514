package io.packwatch.streams.state;

import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.Severity;
import io.packwatch.streams.http.RecordJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of the state and alert stores for the HTTP API, independent of how the stores were obtained. */
final class AlertQueries {

    private AlertQueries() {
    }

    /** Active (FIRING) alerts of this instance, optionally filtered by type, severity and package key prefix. */
    static List<Map<String, Object>> firing(ReadOnlyKeyValueStore<String, AlertRecord> alerts, Map<String, String> query) {
        Predicate<PackageAlert> filter = filter(query);
        List<PackageAlert> out = new ArrayList<>();
        try (KeyValueIterator<String, AlertRecord> it = alerts.all()) {
            while (it.hasNext()) {
                AlertRecord r = it.next().value;
                if (r != null && r.tracker().isFiring() && r.lastEvent() != null && filter.test(r.lastEvent())) {
                    out.add(r.lastEvent());
                }
            }
        }
        out.sort(Comparator.comparing(PackageAlert::getAlertKey));
        return out.stream().map(RecordJson::toMap).toList();
    }

    /** {@code state} and active {@code alerts} of one package, for GET /packages/{key}. */
    static Map<String, Object> details(ReadOnlyKeyValueStore<String, PackageState> states,
                                       ReadOnlyKeyValueStore<String, AlertRecord> alerts, String packageKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        PackageState state = states.get(packageKey);
        out.put("state", state == null ? null : RecordJson.toMap(state));
        List<Map<String, Object>> active = new ArrayList<>();
        try (KeyValueIterator<String, AlertRecord> it = alerts.prefixScan(packageKey + "#", Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, AlertRecord> kv = it.next();
                if (kv.value.tracker().isFiring() && kv.value.lastEvent() != null) {
                    active.add(RecordJson.toMap(kv.value.lastEvent()));
                }
            }
        }
        out.put("alerts", active);
        return out;
    }

    private static Predicate<PackageAlert> filter(Map<String, String> query) {
        Predicate<PackageAlert> p = a -> true;
        String type = query.get("type");
        if (type != null && !type.isBlank()) {
            AlertType t = AlertType.valueOf(type.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            p = p.and(a -> a.getType() == t);
        }
        String severity = query.get("severity");
        if (severity != null && !severity.isBlank()) {
            Severity s = Severity.valueOf(severity.trim().toUpperCase(Locale.ROOT));
            p = p.and(a -> a.getSeverity() == s);
        }
        String prefix = query.get("package");
        if (prefix != null && !prefix.isBlank()) {
            p = p.and(a -> a.getPackageKey().startsWith(prefix));
        }
        return p;
    }
}
