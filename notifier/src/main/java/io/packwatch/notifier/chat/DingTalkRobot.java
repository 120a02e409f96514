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
 * A DingTalk (钉钉) custom robot with signing: {@code POST .../robot/send?access_token=T&timestamp=MS&sign=S},
 * markdown, 20 messages/min.
 */
public record DingTalkRobot(String name, URI url, Secret accessToken, Secret secret, List<RateLimit> limits) implements Robot {
    /** 130101: "send too fast, exceed 20 times per minute". */
    static final Set<Integer> RATE_LIMITED = Set.of(130101);

    public static List<RateLimit> defaultLimits() {
        return List.of(new RateLimit(20, Duration.ofMinutes(1)));
    }

    @Override
    public int maxBytes() {
        return 18_000; // 20000 bytes per message
    }

    @Override
    public HttpRequest request(ChatMessage message, Instant now) {
        ObjectNode body = WeComRobot.JSON.createObjectNode();
        body.put("msgtype", "markdown");
        body.putObject("markdown").put("title", message.title()).put("text", message.markdown());
        body.putObject("at").put("isAtAll", false).putArray("atMobiles");
        long ts = now.toEpochMilli();
        URI target = URI.create(url + (url.getRawQuery() == null ? "?" : "&")
                + "access_token=" + URLEncoder.encode(accessToken.reveal(), StandardCharsets.UTF_8)
                + "&timestamp=" + ts + "&sign=" + Signatures.dingTalk(secret.reveal(), ts));
        return HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    @Override
    public Outcome classify(int status, String body) {
        return Outcome.classify(status, body, "errcode", RATE_LIMITED);
    }
}
