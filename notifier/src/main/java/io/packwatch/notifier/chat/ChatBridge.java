package io.packwatch.notifier.chat;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.packwatch.notifier.app.OpsEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat bridge: {@code POST /alertmanager} takes Alertmanager's webhook (v4), renders the group as one message in
 * the route's language and hands it to each robot of the route. It answers 200 only when every robot accepted the
 * message, and 503 otherwise (robot down, refused, or still rate-limited when the caller's time is up), so that
 * Alertmanager's own retry takes over; a message not yet sent when the answer goes out is withdrawn, so that retry
 * does not double it. Unknown receivers and malformed bodies answer 4xx, which Alertmanager does not retry.
 * Also serves {@code /health} and {@code /metrics}.
 */
public final class ChatBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatBridge.class);

    private final BridgeSettings settings;
    private final Map<String, RobotSender> senders = new LinkedHashMap<>();
    private final OpsEndpoints server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private ChatBridge(BridgeSettings settings) throws IOException {
        this.settings = settings;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        settings.robots().forEach((name, robot) -> senders.put(name, new RobotSender(robot, http, Clock.systemUTC(), meters)));
        this.server = new OpsEndpoints(settings.host(), settings.port(), meters, this::health);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "packwatch-chat-bridge-http");
            t.setDaemon(true);
            return t;
        });
        server.server().setExecutor(executor);
        server.server().createContext("/alertmanager", this::webhook);
    }

    public static ChatBridge start(BridgeSettings settings) throws IOException {
        ChatBridge bridge = new ChatBridge(settings);
        bridge.server.start();
        LOG.info("event=chat-bridge-started port={} robots={} receivers={}", bridge.port(), settings.robots().keySet(),
                settings.routes().keySet());
        return bridge;
    }

    public int port() {
        return server.port();
    }

    private OpsEndpoints.Health health() {
        Map<String, String> problems = new LinkedHashMap<>();
        senders.forEach((name, sender) -> {
            String problem = sender.problem();
            if (problem != null) {
                problems.put("robot " + name, problem);
            }
        });
        return new OpsEndpoints.Health(problems.isEmpty(), Map.of("problems", problems,
                "robots", new ArrayList<>(senders.keySet()), "receivers", new ArrayList<>(settings.routes().keySet())));
    }

    private void webhook(HttpExchange ex) throws IOException {
        try (ex) {
            if (!OpsEndpoints.requireMethod(ex, "POST")) {
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(AlertmanagerWebhook.MAX_BODY_BYTES + 1);
            }
            AlertmanagerWebhook hook;
            try {
                hook = AlertmanagerWebhook.parse(body);
            } catch (IllegalArgumentException e) {
                count("rejected");
                LOG.warn("event=webhook-rejected reason=\"{}\"", e.getMessage());
                answer(ex, 400, e.getMessage());
                return;
            }
            BridgeSettings.Route route = settings.routes().get(hook.receiver());
            if (route == null) {
                count("unknown-receiver");
                LOG.warn("event=webhook-unknown-receiver receiver=\"{}\"", hook.receiver());
                answer(ex, 404, "no route for receiver '" + hook.receiver() + "'; configured: " + settings.routes().keySet());
                return;
            }
            answer(ex, deliver(hook, route));
        }
    }

    /** Returns the answer for Alertmanager: null when every robot of the route accepted the message. */
    private String deliver(AlertmanagerWebhook hook, BridgeSettings.Route route) {
        Map<RobotSender, RobotSender.Queued> queued = new LinkedHashMap<>();
        for (String name : route.robots()) {
            RobotSender sender = senders.get(name);
            int maxBytes = settings.robots().get(name).maxBytes();
            queued.put(sender, sender.submit(MessageText.render(hook, route.language(), maxBytes)));
        }
        long deadline = System.nanoTime() + settings.deliveryTimeout().toNanos();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<RobotSender, RobotSender.Queued> e : queued.entrySet()) {
            CompletableFuture<Void> done = e.getValue().done;
            try {
                done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException t) {
                boolean withdrawn = e.getKey().withdraw(e.getValue());
                failures.add(e.getKey().name() + ": not delivered within " + settings.deliveryTimeout().toSeconds() + " s"
                        + (withdrawn ? " (withdrawn)" : " (still being sent)") + lastProblem(e.getKey()));
            } catch (ExecutionException x) {
                failures.add(e.getKey().name() + ": " + x.getCause().getMessage());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failures.add(e.getKey().name() + ": interrupted");
            }
        }
        if (failures.isEmpty()) {
            count("delivered");
            return null;
        }
        count("failed");
        LOG.warn("event=webhook-delivery-failed receiver=\"{}\" failures=\"{}\"", hook.receiver(), failures);
        return String.join("; ", failures);
    }

    private static String lastProblem(RobotSender sender) {
        String p = sender.problem();
        return p == null ? "" : "; " + p;
    }

    private void count(String result) {
        Counter.builder("packwatch.chatbridge.webhooks").tag("result", result)
                .description("Alertmanager webhook calls by result").register(meters).increment();
    }

    private static void answer(HttpExchange ex, String failure) throws IOException {
        if (failure == null) {
            answer(ex, 200, "delivered");
        } else {
            answer(ex, 503, failure);
        }
    }

    private static void answer(HttpExchange ex, int status, String text) throws IOException {
        OpsEndpoints.respond(ex, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
        senders.values().forEach(RobotSender::close);
        executor.shutdownNow();
    }
}
