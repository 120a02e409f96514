package io.packwatch.streams.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the streams app, on the JDK's built-in {@code com.sun.net.httpserver}: a handful of small JSON
 * routes do not justify a web framework (and its dependency tree) in the streams jar, and the JDK server needs no
 * configuration. Routing and JSON are ours ({@link Router}, Jackson); errors answer JSON without stack traces.
 */
public final class HttpApi implements AutoCloseable {
    /** Set on requests one instance forwards to another, so a forwarded request is never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Packwatch-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Router router;
    private final HttpServer server;
    private final ExecutorService executor;

    /** @throws BindException naming the port when it is taken */
    public HttpApi(String host, int port, Router router) throws IOException {
        this.router = router;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            BindException named = new BindException("port " + port + " on " + host + " (query API) is already in use");
            named.initCause(e);
            throw named;
        }
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "packwatch-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
        LOG.info("HTTP API listening on {}", server.getAddress());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        ApiResponse response;
        try {
            response = router.dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    query(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().containsKey(FORWARDED_HEADER));
        } catch (BadParameter e) {
            response = ApiResponse.json(400, e.problem(exchange.getRequestURI().getRawPath()), ApiResponse.PROBLEM_JSON);
        } catch (IllegalArgumentException e) {
            response = ApiResponse.error(400, e.getMessage());
        } catch (Exception e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            response = ApiResponse.error(500, "internal error: " + e.getClass().getSimpleName());
        }
        byte[] body = response.text() != null ? response.text().getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(response.json());
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
