package io.packwatch.notifier.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Loopback stand-ins for the three robot APIs, strict the way the real ones are: they check the key or token, verify
 * the signature (with their own HMAC code, not the bridge's), refuse stale timestamps and oversized messages, and
 * enforce the documented rate limits with the vendors' rate-limit answers. {@link Stub#rejectNext} makes a stub answer
 * "too fast" regardless, to prove the bridge retries.
 */
final class RobotStubs implements AutoCloseable {
    static final String WECOM_KEY = "wecom-key-1";
    static final String DING_TOKEN = "ding-token-1";
    static final String DING_SECRET = "SECding-secret-1";
    static final String FEISHU_TOKEN = "feishu-token-1";
    static final String FEISHU_SECRET = "feishu-secret-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one robot received and refused. */
    static final class Stub {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger overLimit = new AtomicInteger();
        final AtomicInteger badSignature = new AtomicInteger();
        final AtomicInteger rejectNext = new AtomicInteger();
        /** Requests to answer with HTTP 502 (a gateway in front of the robot API failing) before anything else. */
        final AtomicInteger failNext = new AtomicInteger();
        final AtomicInteger injectedRejections = new AtomicInteger();
        private final Deque<Instant> window = new ArrayDeque<>();
        private final int perMinute;

        Stub(int perMinute) {
            this.perMinute = perMinute;
        }

        /** Counts a request against the rate limit; true when it is over. */
        synchronized boolean overLimit(Instant now) {
            while (!window.isEmpty() && window.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
                window.removeFirst();
            }
            window.addLast(now);
            return window.size() > perMinute;
        }

        String all() {
            return String.join("\n", accepted);
        }
    }

    final Stub wecom = new Stub(20);
    final Stub dingtalk = new Stub(20);
    final Stub feishu = new Stub(100);
    private final HttpServer server;

    RobotStubs() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
        server.createContext("/cgi-bin/webhook/send", this::wecom);
        server.createContext("/robot/send", this::dingtalk);
        server.createContext("/open-apis/bot/v2/hook/", this::feishu);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void wecom(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        JsonNode body = body(ex);
        if (wecom.failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(ex, 502, Map.of("error", "bad gateway"));
        } else if (!WECOM_KEY.equals(q.get("key"))) {
            reply(ex, 200, Map.of("errcode", 93000, "errmsg", "invalid webhook url"));
        } else if (rejected(wecom)) {
            reply(ex, 200, Map.of("errcode", 45009, "errmsg", "api freq out of limit"));
        } else if (wecom.overLimit(Instant.now())) {
            wecom.overLimit.incrementAndGet();
            reply(ex, 200, Map.of("errcode", 45009, "errmsg", "api freq out of limit"));
        } else if (!"markdown".equals(body.path("msgtype").asText())
                || body.path("markdown").path("content").asText().getBytes(StandardCharsets.UTF_8).length > 4096) {
            reply(ex, 200, Map.of("errcode", 40058, "errmsg", "markdown.content exceed max length 4096"));
        } else {
            wecom.accepted.add(body.path("markdown").path("content").asText());
            reply(ex, 200, Map.of("errcode", 0, "errmsg", "ok"));
        }
    }

    private void dingtalk(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        JsonNode body = body(ex);
        long ts = Long.parseLong(q.getOrDefault("timestamp", "0"));
        String expected = URLEncoder.encode(Base64.getEncoder().encodeToString(
                hmac(DING_SECRET, ts + "\n" + DING_SECRET)), StandardCharsets.UTF_8);
        if (!DING_TOKEN.equals(q.get("access_token"))) {
            reply(ex, 200, Map.of("errcode", 300001, "errmsg", "token is not exist"));
        } else if (Math.abs(System.currentTimeMillis() - ts) > 3_600_000 || !expected.equals(q.get("sign"))) {
            dingtalk.badSignature.incrementAndGet();
            reply(ex, 200, Map.of("errcode", 310000, "errmsg", "sign not match"));
        } else if (rejected(dingtalk)) {
            reply(ex, 200, Map.of("errcode", 130101, "errmsg", "send too fast, exceed 20 times per minute"));
        } else if (dingtalk.overLimit(Instant.now())) {
            dingtalk.overLimit.incrementAndGet();
            reply(ex, 200, Map.of("errcode", 130101, "errmsg", "send too fast, exceed 20 times per minute"));
        } else {
            dingtalk.accepted.add(body.path("markdown").path("title").asText() + "\n" + body.path("markdown").path("text").asText());
            reply(ex, 200, Map.of("errcode", 0, "errmsg", "ok"));
        }
    }

    private void feishu(HttpExchange ex) throws IOException {
        String token = ex.getRequestURI().getPath().substring("/open-apis/bot/v2/hook/".length());
        JsonNode body = body(ex);
        long ts = Long.parseLong(body.path("timestamp").asText("0"));
        String expected = Base64.getEncoder().encodeToString(hmac(ts + "\n" + FEISHU_SECRET, ""));
        if (!FEISHU_TOKEN.equals(token)) {
            reply(ex, 404, Map.of("code", 19001, "msg", "param invalid: incoming webhook access token invalid"));
        } else if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 3600 || !expected.equals(body.path("sign").asText())) {
            feishu.badSignature.incrementAndGet();
            reply(ex, 200, Map.of("code", 19021, "msg", "sign match fail or timestamp is not within one hour from current time"));
        } else if (rejected(feishu)) {
            reply(ex, 429, Map.of("code", 9499, "msg", "Too Many Requests"));
        } else if (feishu.overLimit(Instant.now())) {
            feishu.overLimit.incrementAndGet();
            reply(ex, 429, Map.of("code", 9499, "msg", "Too Many Requests"));
        } else {
            feishu.accepted.add(body.path("content").path("text").asText());
            reply(ex, 200, Map.of("code", 0, "msg", "success"));
        }
    }

    private static boolean rejected(Stub stub) {
        if (stub.rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            stub.injectedRejections.incrementAndGet();
            return true;
        }
        return false;
    }

    private static byte[] hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                // sign stays URL-encoded: DingTalk compares the encoded form
                out.put(pair.substring(0, eq), pair.startsWith("sign=") ? pair.substring(eq + 1)
                        : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    private static void reply(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
