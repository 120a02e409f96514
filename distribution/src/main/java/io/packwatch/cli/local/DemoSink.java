package io.packwatch.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The "#ops-demo" group of a local run: a loopback stand-in for a WeCom group robot ({@code msgtype: markdown}), fed by
 * the chat bridge. Each message it accepts becomes a line of the live view's alert feed, so a newcomer sees what the
 * on-call chat group would get.
 */
final class DemoSink implements AutoCloseable {
    static final String CHANNEL = "#ops-demo";
    private static final String PATH = "/cgi-bin/webhook/send";
    private static final String FIRING_MARK = "\uD83D\uDD34";
    private static final String RESOLVED_MARK = "\u2705";
    /** WeCom's own bound on markdown content is 4096 bytes; the envelope adds little. */
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OK = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REFUSED = "{\"errcode\":40008,\"errmsg\":\"invalid message\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private volatile Consumer<String> listener = line -> { };

    private DemoSink(HttpServer server) {
        this.server = server;
    }

    static DemoSink start() throws IOException {
        DemoSink sink = new DemoSink(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        sink.server.createContext(PATH, sink::receive);
        sink.server.start();
        return sink;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    void onDelivery(Consumer<String> listener) {
        this.listener = listener;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] answer;
            try {
                JsonNode content = JSON.readTree(in.readNBytes(MAX_BODY_BYTES)).path("markdown").path("content");
                if (!content.isTextual()) {
                    throw new IOException("no markdown content");
                }
                listener.accept(line(content.asText()));
                answer = OK;
            } catch (IOException e) {
                answer = REFUSED;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /**
     * The message's title (the group: state mark and word, count, alert name) and its first alert, without markdown
     * marks. When the whole group has one state the alert's own state mark is left out: the title just said it.
     */
    static String line(String markdown) {
        String[] lines = markdown.lines().filter(l -> !l.isBlank()).limit(2)
                .map(l -> l.replaceFirst("^#+ ", "").replace("**", "").replace("`", "").strip()).toArray(String[]::new);
        if (lines.length == 2 && !(lines[0].contains(FIRING_MARK) && lines[0].contains(RESOLVED_MARK))) {
            lines[1] = lines[1].replaceFirst("^(" + FIRING_MARK + "|" + RESOLVED_MARK + ") \\S+ ", "");
        }
        return "delivered to " + CHANNEL + ": " + String.join(" · ", lines);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
