package io.packwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.schema.PackageAlert;
import io.packwatch.streams.app.StreamsCommand;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app runs as a child JVM and is killed with SIGKILL (no clean shutdown) three times during the
 * scenario, then restarted on the same state dir. The alert topics (read_committed) must hold exactly the events of
 * an uninterrupted run: the same records, event ids included, none twice, none missing. The same holds when tasks move
 * between two instances (one joins, one is killed, it comes back): no transition is emitted twice across rebalances.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class CrashRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRestartIT.class);
    private final HttpClient http = HttpClient.newHttpClient();
    private Process child;
    private final List<Process> children = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void killedAndRestartedAppEmitsExactlyTheEventsOfAnUninterruptedRun() throws Exception {
        List<RawScenario.RawRecord> records = RawScenario.records();
        Map<String, List<PackageAlert>> uninterrupted = uninterruptedRun(records);

        String prefix = KafkaTestClients.unique("pwcrash");
        String appId = KafkaTestClients.unique("pwcrash-app");
        long started = System.nanoTime();
        int chunks = 4;
        int size = (records.size() + chunks - 1) / chunks;
        for (int c = 0; c < chunks; c++) {
            start(prefix, appId, c);
            StateAndAlertsIT.produce(prefix, records.subList(c * size, Math.min(records.size(), (c + 1) * size)));
            if (c < chunks - 1) {
                // kill as soon as a commit of this chunk is visible: the rest of the chunk is in flight (the commit
                // interval is 1 s), so the next run restores the stores and reprocesses uncommitted input
                int committedBefore = c * size;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> committedStates(prefix, committedBefore + 1) > committedBefore);
                child.destroyForcibly().waitFor();
                LOG.info("run {} killed (SIGKILL) after {} s", c, elapsed(started));
            }
        }
        LOG.info("all chunks produced after {} s; waiting for the last run to finish", elapsed(started));
        assertTheEventsOf(uninterrupted, prefix);
        LOG.info("crash test done after {} s", elapsed(started));
    }

    /** Both alert topics (read_committed) hold exactly the uninterrupted run's events, none twice, and no dead letter. */
    private static void assertTheEventsOf(Map<String, List<PackageAlert>> uninterrupted, String prefix) {
        int wantDepletion = uninterrupted.get("depletion").size();
        int wantExpiry = uninterrupted.get("expiry").size();
        StateAndAlertsIT.drainAlerts(prefix + ".alerts.depletion", wantDepletion, Duration.ofSeconds(90));
        // then one more than expected with a short wait, so a surplus event would show up
        List<ConsumerRecord<String, PackageAlert>> depletion = StateAndAlertsIT.drainAlerts(prefix + ".alerts.depletion",
                wantDepletion + 1, Duration.ofSeconds(5));
        List<ConsumerRecord<String, PackageAlert>> expiry = StateAndAlertsIT.drainAlerts(prefix + ".alerts.expiry",
                wantExpiry + 1, Duration.ofSeconds(5));
        assertThat(committedCount(prefix + ".dlq")).as("dead letters").isZero();
        assertThat(sorted(depletion.stream().map(ConsumerRecord::value).toList()))
                .isEqualTo(sorted(uninterrupted.get("depletion")));
        assertThat(sorted(expiry.stream().map(ConsumerRecord::value).toList()))
                .isEqualTo(sorted(uninterrupted.get("expiry")));
        assertThat(depletion).extracting(r -> r.value().getEventId()).doesNotHaveDuplicates();
    }

    private static long elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }

    private static int committedCount(String topic) {
        return KafkaTestClients.drain(List.of(topic), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Integer.MAX_VALUE, Duration.ofSeconds(2)).size();
    }

    private static int committedStates(String prefix, int wanted) {
        return KafkaTestClients.drain(List.of(prefix + ".package-state"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), wanted, Duration.ofMillis(500)).size();
    }

    /** The reference: the same records through the same topology in one uninterrupted TopologyTestDriver run. */
    private Map<String, List<PackageAlert>> uninterruptedRun(List<RawScenario.RawRecord> records) throws IOException {
        Map<String, List<PackageAlert>> out = new HashMap<>();
        try (StateFixture fx = new StateFixture(Files.createDirectories(dir.resolve("reference")),
                Map.of("packwatch.alerts.stale.poll-interval", "PT1H"))) {
            for (RawScenario.RawRecord r : records) {
                fx.raw.get(r.api()).pipeInput(r.key(), r.value(), r.timestamp());
            }
            out.put("depletion", fx.depletionAlerts());
            out.put("expiry", fx.expiryAlerts());
        }
        assertThat(out.get("depletion")).hasSize(RawScenario.EXPECTED_DEPLETION.size());
        return out;
    }

    private static List<String> sorted(List<PackageAlert> alerts) {
        return alerts.stream().map(PackageAlert::toString).sorted(Comparator.naturalOrder()).toList();
    }

    @Test
    void rebalancesMoveTasksWithoutRepeatingOrLosingAnEvent() throws Exception {
        List<RawScenario.RawRecord> records = RawScenario.records();
        Map<String, List<PackageAlert>> uninterrupted = uninterruptedRun(records);
        String prefix = KafkaTestClients.unique("pwrebalance");
        String appId = KafkaTestClients.unique("pwrebalance-app");
        int chunks = 4;
        int size = (records.size() + chunks - 1) / chunks;
        // A alone; B joins (tasks move to B, restored from the changelogs); A is killed (all tasks on B); A comes back
        Process a = start(prefix, appId, 0, dir.resolve("state-a"));
        produceAndAwaitCommit(prefix, records, 0, size);
        Process b = start(prefix, appId, 1, dir.resolve("state-b"));
        produceAndAwaitCommit(prefix, records, 1, size);
        a.destroyForcibly().waitFor();
        produceAndAwaitCommit(prefix, records, 2, size);
        start(prefix, appId, 2, dir.resolve("state-a"));
        StateAndAlertsIT.produce(prefix, records.subList(3 * size, records.size()));
        assertTheEventsOf(uninterrupted, prefix);
        assertThat(b.isAlive()).as("instance B survived the rebalances").isTrue();
    }

    private void produceAndAwaitCommit(String prefix, List<RawScenario.RawRecord> records, int chunk, int size) {
        StateAndAlertsIT.produce(prefix, records.subList(chunk * size, Math.min(records.size(), (chunk + 1) * size)));
        int before = chunk * size;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> committedStates(prefix, before + 1) > before);
    }

    private void start(String prefix, String appId, int run) throws Exception {
        child = start(prefix, appId, run, dir.resolve("state"));
    }

    private Process start(String prefix, String appId, int run, Path stateDir) throws Exception {
        int port = StateAndAlertsIT.freePort();
        Properties props = new Properties();
        props.putAll(StateAndAlertsIT.config(prefix, appId, stateDir, port));
        props.put("commit.interval.ms", "1000");
        Path config = dir.resolve("streams-" + run + ".properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            props.store(w, "crash test run " + run);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                StreamsCommand.class.getName(), "--config", config.toString()));
        // logs outside the temp dir, so a failure can be read afterwards (target/crash-it/)
        Path logs = Files.createDirectories(Path.of("target", "crash-it"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(prefix + "-run" + run + ".log").toFile()).start();
        children.add(process);
        long t = System.nanoTime();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> healthy(process, port));
        LOG.info("run {} healthy {} s after launch", run, elapsed(t));
        return process;
    }

    private boolean healthy(Process process, int port) {
        if (!process.isAlive()) {
            throw new IllegalStateException("streams child exited with " + process.exitValue() + ", see target/crash-it");
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

}
