package io.packwatch.notifier.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /health} (JSON; 200 when up, 503 with the problems otherwise) and {@code GET /metrics} (Prometheus text)
 * on the JDK's HTTP server, plus whatever extra contexts a command adds (the chat bridge's webhook).
 */
public final class OpsEndpoints implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A health answer: up or not, and any JSON-serializable body. */
    public record Health(boolean up, Object body) { }

    private final HttpServer server;

    public OpsEndpoints(String host, int port, PrometheusMeterRegistry registry, Supplier<Health> health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/metrics", ex -> {
            if (requireMethod(ex, "GET")) {
                respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/health", ex -> {
            if (requireMethod(ex, "GET")) {
                Health h = health.get();
                respond(ex, h.up() ? 200 : 503, "application/json", JSON.writeValueAsBytes(h.body()));
            }
        });
    }

    public HttpServer server() {
        return server;
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static boolean requireMethod(HttpExchange ex, String method) throws IOException {
        if (!ex.getRequestMethod().equals(method)) {
            respond(ex, 405, "text/plain", ("only " + method + "\n").getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return true;
    }

    public static void respond(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
