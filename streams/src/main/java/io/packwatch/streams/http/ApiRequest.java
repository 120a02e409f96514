package io.packwatch.streams.http;

import java.util.List;
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
}
