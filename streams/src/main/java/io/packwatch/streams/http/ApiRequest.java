package io.packwatch.streams.http;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the routes see it.
 *
 * @param pathParams the regex groups of the matched route, URL-decoded
 * @param query      query parameters, URL-decoded (last value wins)
 * @param forwarded  true when another Packwatch instance forwarded the request here (routing never loops)
 */
public record ApiRequest(String method, String rawPath, List<String> pathParams, Map<String, String> query, boolean forwarded) {

    public String param(String name, String fallback) {
        String v = query.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** An integer parameter within {@code min..max}, {@code fallback} when absent; {@link BadParameter} otherwise. */
    public int intParam(String name, int fallback, int min, int max) {
        String v = param(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // answered below with what is allowed
        }
        throw new BadParameter(name, v, "an integer from " + min + " to " + max);
    }

    /**
     * An enum parameter (case-insensitive, '-' for '_'), null when absent; {@link BadParameter} naming the symbols
     * when it is none of them. The schemas' catch-all symbol UNKNOWN is not a value anyone filters on.
     */
    public <E extends Enum<E>> E enumParam(String name, Class<E> type) {
        return enumParam(query, name, type);
    }

    /** {@link #enumParam(String, Class)} over a query map, for code that gets the parameters without the request. */
    public static <E extends Enum<E>> E enumParam(Map<String, String> query, String name, Class<E> type) {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        String symbol = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        List<E> allowed = Arrays.stream(type.getEnumConstants()).filter(e -> !e.name().equals("UNKNOWN")).toList();
        return allowed.stream().filter(e -> e.name().equals(symbol)).findFirst()
                .orElseThrow(() -> new BadParameter(name, v, "one of " + allowed));
    }

    /** A parameter that must be one of {@code allowed} (exact), null when absent. */
    public String oneOfParam(String name, List<String> allowed) {
        String v = param(name, null);
        if (v != null && !allowed.contains(v)) {
            throw new BadParameter(name, v, "one of " + allowed);
        }
        return v;
    }
}
