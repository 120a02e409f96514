package io.packwatch.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP endpoint that records Alertmanager webhook notifications (version 4 payloads). */
public final class WebhookRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

    public WebhookRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                notifications.add(JSON.readTree(in.readAllBytes()));
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every (alert status, notification) pair for alerts whose label {@code name} equals {@code value}. */
    public List<String> statusesFor(String name, String value) {
        return notifications.stream().flatMap(n -> java.util.stream.StreamSupport.stream(n.path("alerts").spliterator(), false))
                .filter(a -> value.equals(a.path("labels").path(name).asText(null)))
                .map(a -> a.path("status").asText()).toList();
    }

    public List<JsonNode> notifications() {
        return notifications;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
