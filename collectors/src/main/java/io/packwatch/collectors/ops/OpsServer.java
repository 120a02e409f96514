package io.packwatch.collectors.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GET /health (JSON, 200 when serving, 503 otherwise) and GET /metrics (Prometheus text) on the JDK HttpServer. */
public final class OpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    /** What /health reports: healthy or not, and a JSON body. */
    public record Health(boolean up, String json) { }

    private final HttpServer server;

    public OpsServer(String host, int port, PrometheusMeterRegistry registry, Supplier<Health> health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", ex -> {
            if (!allowGet(ex)) {
                return;
            }
            respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        });
        server.createContext("/health", ex -> {
            if (!allowGet(ex)) {
                return;
            }
            Health h = health.get();
            respond(ex, h.up() ? 200 : 503, "application/json", h.json());
        });
        server.createContext("/", ex -> respond(ex, 404, "text/plain", "not found; try /health or /metrics\n"));
        server.start();
        LOG.info("event=ops-started address={}:{}", host, port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static boolean allowGet(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            respond(ex, 405, "text/plain", "only GET\n");
            return false;
        }
        return true;
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
