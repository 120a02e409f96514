package io.packwatch.cli.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.packwatch.notifier.chat.AlertmanagerWebhook;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The "#ops-demo" channel of a local run: a loopback receiver of Alertmanager's webhook (v4) whose deliveries become
 * lines of the live view's alert feed, so a newcomer sees what an on-call chat group would get.
 */
final class DemoSink implements AutoCloseable {
    static final String CHANNEL = "#ops-demo";
    static final String PATH = "/ops-demo";

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
            int status;
            try {
                AlertmanagerWebhook hook = AlertmanagerWebhook.parse(in.readNBytes(AlertmanagerWebhook.MAX_BODY_BYTES + 1));
                listener.accept(line(hook));
                status = 200;
            } catch (IllegalArgumentException e) {
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** "delivered to #ops-demo: FIRING vpc ... is 85% used" or, for a group, its size and first summary. */
    static String line(AlertmanagerWebhook hook) {
        String state = hook.status() == null ? "" : hook.status().toUpperCase(java.util.Locale.ROOT);
        String first = hook.alerts().isEmpty() ? "" : hook.alerts().get(0).annotations().getOrDefault("summary",
                hook.alerts().get(0).labels().getOrDefault("alertname", ""));
        String summary = hook.alerts().size() <= 1 ? first
                : hook.alerts().size() + " alerts, first: " + first;
        return "delivered to " + CHANNEL + ": " + state + " " + summary;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
