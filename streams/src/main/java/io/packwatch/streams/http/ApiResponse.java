package io.packwatch.streams.http;

import java.util.Map;

/** A route's answer: a JSON body (any Jackson-serializable value) or a text body with its content type. */
public record ApiResponse(int status, Object json, String text, String contentType) {

    /** RFC 9457 problem details. */
    static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    public static ApiResponse json(int status, Object body) {
        return json(status, body, "application/json; charset=utf-8");
    }

    static ApiResponse json(int status, Object body, String contentType) {
        return new ApiResponse(status, body, null, contentType);
    }

    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    public static ApiResponse error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    public static ApiResponse text(int status, String body, String contentType) {
        return new ApiResponse(status, null, body, contentType);
    }
}
