package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.core.serde.SpecificAvroDeserializer;
import io.packwatch.notifier.alertmanager.AlertmanagerChild;
import io.packwatch.notifier.app.NotifyCommand;
import io.packwatch.notifier.chat.BridgeSettings;
import io.packwatch.notifier.chat.ChatBridge;
import io.packwatch.notifier.chat.Language;
import io.packwatch.notifier.chat.Secret;
import io.packwatch.notifier.chat.WeComRobot;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production delivery chain end to end on the real broker and registry: vendor simulators → the collectors → the
 * streams app → {@code ./packwatch notify} (its own process) → a real Alertmanager → the chat bridge → a loopback WeCom
 * group robot. The scenario ({@code scenarios/notifications.yaml}) opens and resolves alerts of four types within about
 * a minute; the notifier is killed with SIGKILL twice (once after the first FIRING reached the robot, once after the
 * first RESOLVED) and started again each time. Every transition on the alert topics must reach the robot exactly once:
 * nothing lost across the kills, and no re-send (after a restart the notifier re-sends every firing alert) becomes a
 * second notification.
 *
 * <p>Alertmanager groups each alert on its own ({@code group_by: ['...']}), so a notification is one transition and the
 * robot's messages can be counted against the topics; the chat bridge may still merge several notifications into one
 * message (the robot allows 20 a minute). Everything runs under a topic prefix and consumer groups of its own, so the
 * default {@code packwatch.*} topics other ITs read on the shared broker never see this run.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class PipelineNotificationsIT {
    private static final int POLL_SECONDS = 2;
    private static final String ROBOT_KEY = "pipeline-robot-key";
    private static final String RED = "\uD83D\uDD34";
    private static final String GREEN = "\u2705";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void everyTransitionReachesTheChatRobotExactlyOnceAcrossSigkillsOfTheNotifier() throws Exception {
        Optional<Path> alertmanagerBinary = AlertmanagerChild.locate(System.getenv("PATH"));
        Assumptions.assumeTrue(alertmanagerBinary.isPresent(), AlertmanagerChild.BINARY + " is not on the PATH: install "
                + "Debian's prometheus-alertmanager (apt-get install prometheus-alertmanager; .ci/run does) to run this test");
        long started = System.nanoTime();
        Scenario scenario;
        try (InputStream in = PipelineNotificationsIT.class.getResourceAsStream("/scenarios/notifications.yaml")) {
            scenario = Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String prefix = KafkaTestClients.unique("pwn");
        String bootstrap = TestInfra.kafka().bootstrapServers();
        Path notifierConfig = data.resolve("notifier.yaml");
        int kills = 0;
        RobotStub robot = new RobotStub();
        AlertTopics topics = new AlertTopics(prefix, bootstrap);
        try (robot; topics;
             ChatBridge bridge = ChatBridge.start(bridgeSettings(robot.url()));
             AlertmanagerChild alertmanager = AlertmanagerChild.start(alertmanagerBinary.get(), data.resolve("alertmanager"),
                     alertmanagerConfig("http://127.0.0.1:" + bridge.port() + "/alertmanager"), 0);
             SimulatedVendors vendors = SimulatedVendors.start(scenario, data);
             StreamsApp streams = StreamsApp.start(StreamsSettings.fromMap(streamsSettings(prefix, bootstrap)));
             CollectorHost collectors = new CollectorHost(
                     vendors.collectorConfigs(data.resolve("collectors"), bootstrap, POLL_SECONDS, prefix), 0, "127.0.0.1")) {
            Files.writeString(notifierConfig, notifierConfig(prefix, bootstrap, alertmanager.url()));
            Process notifier = startNotifier(notifierConfig);
            try {
                collectors.startDaemons();

                await("a first FIRING at the robot").atMost(Duration.ofMinutes(2)).until(() -> robot.count("firing") > 0);
                notifier = killAndRestart(notifier, notifierConfig);
                kills++;
                await("a first RESOLVED at the robot").atMost(Duration.ofMinutes(2)).until(() -> robot.count("resolved") > 0);
                notifier = killAndRestart(notifier, notifierConfig);
                kills++;

                try {
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                            .until(() -> topics.everythingResolved() && sorted(robot.transitions()).equals(sorted(topics.expected())));
                } catch (ConditionTimeoutException e) {
                    // the assertions below say what differs
                }
                // A few re-send rounds (every second) and group intervals (2 s) later, still exactly once per transition.
                Thread.sleep(6_000); // nothing to await: this checks that nothing more arrives
            } finally {
                notifier.destroyForcibly().waitFor();
            }
        }
        List<String> expected = topics.expected();
        List<String> received = robot.transitions();
        long firing = expected.stream().filter(t -> t.endsWith(" firing")).count();
        long resolved = expected.size() - firing;
        System.out.printf("PipelineNotificationsIT: %d transitions on the alert topics (%d FIRING, %d RESOLVED), %d at the "
                        + "robot in %d messages, %d SIGKILLs of the notifier, %d s%n", expected.size(), firing, resolved,
                received.size(), robot.messages.size(), kills, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        assertThat(expected).as("the scenario opens and resolves alerts of four types")
                .anyMatch(t -> t.startsWith("USAGE_THRESHOLD ")).anyMatch(t -> t.startsWith("EXHAUSTED "))
                .anyMatch(t -> t.startsWith("NETWORK_DISABLED ")).anyMatch(t -> t.startsWith("STALE "));
        assertThat(resolved).as("every alert that opened has resolved").isEqualTo(firing);
        assertThat(received).as("what the robot got, after Alertmanager, the bridge and two SIGKILLs of the notifier")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    private Process killAndRestart(Process notifier, Path config) throws Exception {
        notifier.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no final commit
        return startNotifier(config);
    }

    private Process startNotifier(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NotifyCommand.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("notifier.log").toFile()))
                .start();
    }

    /** Re-sends every second; a short session timeout so a killed member's partitions move within seconds. */
    private static String notifierConfig(String prefix, String bootstrap, String alertmanagerUrl) {
        return """
                kafka:
                  bootstrap.servers: %s
                  schema.registry.url: %s
                  session.timeout.ms: 6000
                  heartbeat.interval.ms: 1000
                notifier:
                  alertmanager-urls: [%s]
                  topic-prefix: %s
                  group-id: %s-notifier
                  resend-interval-seconds: 1
                  firing-ttl-seconds: 60
                  ops-host: 127.0.0.1
                  ops-port: 0
                """.formatted(bootstrap, TestInfra.registry().url(), alertmanagerUrl, prefix, prefix);
    }

    /** Each alert its own group; the first notification after 1 s, changes within 2 s, no repeats during the test. */
    private static String alertmanagerConfig(String bridgeUrl) {
        return """
                route:
                  receiver: ops
                  group_by: ['...']
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: ops
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(bridgeUrl);
    }

    private static BridgeSettings bridgeSettings(String robotUrl) {
        WeComRobot robot = new WeComRobot("ops", URI.create(robotUrl), Secret.of(ROBOT_KEY), WeComRobot.defaultLimits());
        return new BridgeSettings("127.0.0.1", 0, Duration.ofSeconds(25), Map.of("ops", robot),
                Map.of("ops", new BridgeSettings.Route("ops", List.of("ops"), Language.EN)));
    }

    private Map<String, String> streamsSettings(String prefix, String bootstrap) throws IOException {
        Map<String, String> settings = new HashMap<>(LocalStack.streamsSettings(bootstrap, TestInfra.registry().url(),
                data.resolve("streams-state"), freePort()));
        settings.putAll(LocalStack.demoSettings(Duration.ofSeconds(POLL_SECONDS)));
        settings.put(StreamsSettings.TOPIC_PREFIX, prefix);
        settings.put("application.id", prefix + "-streams");
        settings.put("commit.interval.ms", "100");
        // stale after 5 missed polls (10 s): a slow cycle on a loaded machine must not flap a STALE
        settings.put("packwatch.alerts.stale.intervals", "5");
        return settings;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The alert topics of this run (read_committed), read on a thread of their own; what the robot must have received:
     * per alert, a "firing" when it opens, a "resolved" when it resolves, and for a severity change (a different label
     * set in Alertmanager) a "resolved" of the old severity and a "firing" of the new.
     */
    private static final class AlertTopics implements AutoCloseable {
        private final KafkaConsumer<String, PackageAlert> consumer;
        private final List<PackageAlert> records = new CopyOnWriteArrayList<>();
        private final Thread reader;

        AlertTopics(String prefix, String bootstrap) {
            SpecificAvroDeserializer<PackageAlert> alerts = new SpecificAvroDeserializer<>(PackageAlert.class);
            alerts.configure(TestInfra.serdeConfig(), false);
            consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                    "group.id", prefix + "-check", "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                    new StringDeserializer(), alerts);
            consumer.subscribe(List.of(prefix + ".alerts.depletion", prefix + ".alerts.expiry"));
            reader = new Thread(() -> {
                try {
                    while (true) {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
                    }
                } catch (WakeupException stop) {
                    // closing
                } finally {
                    consumer.close();
                }
            }, "alert-topics-reader");
            reader.start();
        }

        /** Records of one alert key are on one partition, so this list holds each key's records in order. */
        List<String> expected() {
            Map<String, PackageAlert> open = new HashMap<>();
            List<String> transitions = new ArrayList<>();
            for (PackageAlert a : records) {
                PackageAlert previous = open.get(a.getAlertKey());
                boolean sameSeverity = previous != null && previous.getSeverity() == a.getSeverity();
                if (previous != null && (a.getState() == AlertState.RESOLVED || !sameSeverity)) {
                    transitions.add(transition(previous, "resolved"));
                    open.remove(a.getAlertKey());
                }
                if (a.getState() == AlertState.FIRING && !sameSeverity) {
                    transitions.add(transition(a, "firing"));
                    open.put(a.getAlertKey(), a);
                }
            }
            return transitions;
        }

        boolean everythingResolved() {
            Set<String> open = new HashSet<>();
            for (PackageAlert a : records) {
                if (a.getState() == AlertState.FIRING) {
                    open.add(a.getAlertKey());
                } else {
                    open.remove(a.getAlertKey());
                }
            }
            return !records.isEmpty() && open.isEmpty();
        }

        private static String transition(PackageAlert a, String status) {
            return a.getType() + " " + a.getPackageKey() + " " + status;
        }

        @Override
        public void close() throws InterruptedException {
            consumer.wakeup();
            reader.join(10_000);
        }
    }

    /**
     * A loopback WeCom group robot: checks the key, records each markdown message and answers {@code errcode 0}. The
     * transitions are read back from the chat text: a group's title ends with the alert name, each alert line starts
     * with the red (FIRING) or green (RESOLVED) mark, and the next line names the package (key, then its name).
     */
    private static final class RobotStub implements AutoCloseable {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        RobotStub() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/cgi-bin/webhook/send", this::receive);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/cgi-bin/webhook/send";
        }

        private void receive(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] answer;
                if (!("key=" + ROBOT_KEY).equals(exchange.getRequestURI().getRawQuery())) {
                    answer = "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}".getBytes(StandardCharsets.UTF_8);
                } else {
                    JsonNode body = JSON.readTree(in.readAllBytes());
                    messages.add(body.path("markdown").path("content").asText());
                    answer = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        }

        List<String> transitions() {
            List<String> transitions = new ArrayList<>();
            for (String message : messages) {
                String alertname = "?";
                String status = null;
                for (String line : message.lines().toList()) {
                    if (line.startsWith("### ")) {
                        alertname = line.substring(line.lastIndexOf(' ') + 1);
                    } else if (line.startsWith(RED) || line.startsWith(GREEN)) {
                        status = line.startsWith(RED) ? "firing" : "resolved";
                    } else if (status != null && line.startsWith("> Package: ")) {
                        String packageKey = line.substring("> Package: ".length()).strip().split(" ")[0]; // then "(name)"
                        transitions.add(alertname + " " + packageKey + " " + status);
                        status = null;
                    }
                }
            }
            return transitions;
        }

        long count(String status) {
            return transitions().stream().filter(t -> t.endsWith(" " + status)).count();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
