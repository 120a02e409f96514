package io.packwatch.notifier.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/** What a robot's answer means for the sender: delivered, retry (later), or failed for good. */
public record Outcome(Kind kind, String reason) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 200;

    public enum Kind { DELIVERED, RATE_LIMITED, RETRY, FAILED }

    /**
     * Classifies an answer of the robots' common shape: HTTP status, then a JSON body with a numeric result code
     * ({@code codeField}; 0 = success). 429 and {@code rateLimitCodes} mean "too fast", 5xx "try again", anything else
     * is a configuration problem (bad key, bad signature) that retrying cannot fix.
     */
    static Outcome classify(int status, String body, String codeField, Set<Integer> rateLimitCodes) {
        if (status == 429) {
            return new Outcome(Kind.RATE_LIMITED, "HTTP 429");
        }
        if (status >= 500) {
            return new Outcome(Kind.RETRY, "HTTP " + status);
        }
        if (status / 100 != 2) {
            return new Outcome(Kind.FAILED, "HTTP " + status + ": " + cut(body));
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            return new Outcome(Kind.RETRY, "answer is not JSON: " + cut(body));
        }
        JsonNode code = node == null ? null : node.get(codeField);
        if (code == null && node != null && node.has("StatusCode")) {
            code = node.get("StatusCode"); // older Feishu answers
        }
        if (code == null || !code.canConvertToInt()) {
            return new Outcome(Kind.RETRY, "answer without '" + codeField + "': " + cut(body));
        }
        int value = code.asInt();
        if (value == 0) {
            return new Outcome(Kind.DELIVERED, "ok");
        }
        String message = node.path("errmsg").asText(node.path("msg").asText(""));
        if (rateLimitCodes.contains(value)) {
            return new Outcome(Kind.RATE_LIMITED, codeField + " " + value + " " + cut(message));
        }
        return new Outcome(Kind.FAILED, codeField + " " + value + " " + cut(message));
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > MAX_REASON ? t.substring(0, MAX_REASON) + "..." : t;
    }
}
