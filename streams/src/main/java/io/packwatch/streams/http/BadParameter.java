package io.packwatch.streams.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query parameter the API cannot accept. Answered as HTTP 400 with an RFC 9457 problem document naming the
 * parameter, the value received and what is allowed, never the Java text of the parse failure.
 */
public final class BadParameter extends IllegalArgumentException {

    private final String parameter;
    private final String value;
    private final String allowed;

    public BadParameter(String parameter, String value, String allowed) {
        super("query parameter '" + parameter + "' is '" + value + "'; allowed: " + allowed);
        this.parameter = parameter;
        this.value = value;
        this.allowed = allowed;
    }

    /** The problem document: RFC 9457 members and the extension members parameter, value and allowed. */
    Map<String, Object> problem(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Bad Request");
        body.put("status", 400);
        body.put("detail", getMessage());
        body.put("instance", instance);
        body.put("parameter", parameter);
        body.put("value", value);
        body.put("allowed", allowed);
        return body;
    }
}
