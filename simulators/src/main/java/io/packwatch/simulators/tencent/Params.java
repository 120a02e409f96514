package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Typed access to a Tencent request's JSON parameters with the API's own error codes for wrong types. */
final class Params {
    private final JsonNode body;

    Params(JsonNode body, Set<String> known) {
        if (body == null || !body.isObject()) throw new TencentError("InvalidParameter", "The request body must be a JSON object.");
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) throw new TencentError("UnknownParameter", "The parameter `" + f + "` is not recognized.");
        }
        this.body = body;
    }

    boolean has(String name) { return body.hasNonNull(name); }

    JsonNode node(String name) { return body.get(name); }

    Integer integer(String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.canConvertToInt() || !(n.isIntegralNumber() || (n.isNumber() && n.asDouble() == Math.rint(n.asDouble())))) {
            throw new TencentError("InvalidParameter", "The parameter `" + name + "` must be an integer.");
        }
        return n.asInt();
    }

    String string(String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw new TencentError("InvalidParameter", "The parameter `" + name + "` must be a string.");
        return n.asText();
    }

    List<String> strings(String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) return null;
        return strings(n, "`" + name + "`");
    }

    static List<String> strings(JsonNode n, String what) {
        if (!n.isArray()) throw new TencentError("InvalidParameter", "The parameter " + what + " must be an array of strings.");
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) throw new TencentError("InvalidParameter", "The parameter " + what + " must be an array of strings.");
            out.add(e.asText());
        }
        return out;
    }
}
