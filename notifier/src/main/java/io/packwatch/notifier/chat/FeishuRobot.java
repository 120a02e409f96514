package io.packwatch.notifier.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A Feishu/Lark (飞书) custom bot with signing: {@code POST .../open-apis/bot/v2/hook/TOKEN}, body with
 * {@code timestamp} (seconds) and {@code sign}, text message; 100 messages/min and 5/s.
 */
public record FeishuRobot(String name, URI url, Secret token, Secret secret, List<RateLimit> limits) implements Robot {
    /** 9499: "Too Many Requests"; 11232: frequency limited. */
    static final Set<Integer> RATE_LIMITED = Set.of(9499, 11232);

    public static List<RateLimit> defaultLimits() {
        return List.of(new RateLimit(100, Duration.ofMinutes(1)), new RateLimit(5, Duration.ofSeconds(1)));
    }

    @Override
    public int maxBytes() {
        return 18_000; // body at most 20 KB
    }

    @Override
    public HttpRequest request(ChatMessage message, Instant now) {
        long ts = now.getEpochSecond();
        ObjectNode body = WeComRobot.JSON.createObjectNode();
        body.put("timestamp", String.valueOf(ts));
        body.put("sign", Signatures.feishu(secret.reveal(), ts));
        body.put("msg_type", "text");
        body.putObject("content").put("text", message.text());
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        return HttpRequest.newBuilder(URI.create(base + URLEncoder.encode(token.reveal(), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    @Override
    public Outcome classify(int status, String body) {
        return Outcome.classify(status, body, "code", RATE_LIMITED);
    }
}
