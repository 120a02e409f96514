package io.packwatch.notifier.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A WeCom (企业微信) group robot: {@code POST .../cgi-bin/webhook/send?key=KEY}, markdown, 20 messages/min. */
public record WeComRobot(String name, URI url, Secret key, List<RateLimit> limits) implements Robot {
    static final ObjectMapper JSON = new ObjectMapper();
    /** 45009: "api freq out of limit". */
    static final Set<Integer> RATE_LIMITED = Set.of(45009);

    public static List<RateLimit> defaultLimits() {
        return List.of(new RateLimit(20, Duration.ofMinutes(1)));
    }

    @Override
    public int maxBytes() {
        return 4000; // markdown content: 4096 bytes
    }

    @Override
    public HttpRequest request(ChatMessage message, Instant now) {
        ObjectNode body = JSON.createObjectNode();
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("content", message.markdown());
        URI target = URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "key="
                + URLEncoder.encode(key.reveal(), StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    @Override
    public Outcome classify(int status, String body) {
        return Outcome.classify(status, body, "errcode", RATE_LIMITED);
    }
}
