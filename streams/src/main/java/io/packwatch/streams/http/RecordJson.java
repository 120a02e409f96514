package io.packwatch.streams.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Generated Avro records as plain JSON maps in schema field order: enums and instants as strings, unions unwrapped.
 * (Avro's own JSON encoding wraps union values as {"string": ...}, which API clients should not have to unpick.)
 */
public final class RecordJson {
    private RecordJson() {
    }

    public static Map<String, Object> toMap(SpecificRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.put(field.name(), value(record.get(field.pos())));
        }
        return out;
    }

    private static Object value(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof SpecificRecord r) {
            return toMap(r);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(k.toString(), value(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RecordJson::value).toList();
        }
        return v.toString();
    }
}
