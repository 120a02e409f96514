package io.packwatch.streams.state;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static io.packwatch.streams.Envelopes.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.streams.AppItSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.EmbeddedKafka;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away for longer than four stale periods while a collector keeps polling (its sends wait, as the real
 * collector's do) and the streams app keeps running. On the real broker (a broker of its own, so it can be stopped)
 * and the real registry: no STALE for the packages the collector kept returning, while two controls, packages the
 * collector stopped returning before and after the outage, do turn STALE (so the check ran on both sides of it);
 * the events of every alert key never go back in time. {@code /health} says DEGRADED with the reason (and {@code /ready}
 * 503) while the broker is away, and UP again after.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class StaleAcrossBrokerOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** stale.intervals (3) × stale.poll-interval (1 s) */
    private static final Duration STALE_AFTER = POLL_INTERVAL.multipliedBy(3);
    private static final String SCOPE = "baidu-eip/acct/bj";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aBrokerOutageRaisesNoStaleForPackagesWhoseCollectorKeptPolling() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startStoppable(dir.resolve("kafka"))) {
            String prefix = KafkaTestClients.unique("pwstale");
            StreamsApp app = StreamsApp.start(AppItSettings.of(kafka.bootstrapServers(), TestInfra.registry().url(), prefix,
                    KafkaTestClients.unique("pwstale-app"), dir.resolve("state"), Map.of(
                            "packwatch.alerts.stale.poll-interval", "PT1S",
                            "packwatch.alerts.stale.intervals", "3",
                            "packwatch.state.stale-check-interval", "PT0.2S",
                            "packwatch.health.check-interval", "PT0.5S",
                            "packwatch.health.thread-replaced-within", "PT5S")));
            Collector collector = new Collector(kafka.bootstrapServers(), prefix + ".raw.baidu-eip");
            Thread polling = new Thread(collector, "simulated-collector");
            try {
                await().atMost(WAIT).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
                collector.returned.addAll(List.of("tp-a", "tp-b", "tp-c", "tp-before", "tp-after"));
                polling.start();
                await().atMost(WAIT).until(() -> collector.polls.get() >= 2);

                collector.returned.remove("tp-before");               // control 1: its collector stops returning it
                await().atMost(WAIT).until(() -> staleKeys(kafka, prefix).contains(SCOPE + "/tp-before"));

                await().atMost(WAIT).untilAsserted(() -> assertThat(health(app, "/ready")).containsEntry("status", "UP"));
                int pollsBefore = collector.polls.get();
                kafka.stopBroker();
                long down = System.nanoTime();
                await().atMost(WAIT).untilAsserted(() -> {
                    Map<String, Object> health = health(app, "/health");
                    assertThat(health).containsEntry("status", "DEGRADED").containsEntry("code", 200);
                    assertThat(health.get("reasons").toString()).contains("broker unreachable");
                    assertThat(health(app, "/ready")).containsEntry("code", 503);
                });
                // The outage is the scenario itself: four stale periods without a broker, the collector's sends waiting.
                long left = STALE_AFTER.multipliedBy(4).toNanos() - (System.nanoTime() - down);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
                kafka.startBroker();
                await().atMost(WAIT).until(() -> collector.polls.get() >= pollsBefore + 3);
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(health(app, "/health")).containsEntry("status", "UP").containsEntry("code", 200);
                    assertThat(health(app, "/ready")).containsEntry("code", 200);
                });

                collector.returned.remove("tp-after");                // control 2: the check also runs after the outage
                await().atMost(WAIT).until(() -> staleKeys(kafka, prefix).contains(SCOPE + "/tp-after"));
                collector.stop.set(true);
                polling.join(WAIT.toMillis());
                assertThat(collector.failure).as("the simulated collector's sends").isNull();

                List<ConsumerRecord<String, PackageAlert>> alerts = alerts(kafka, prefix);
                assertThat(staleOf(alerts)).containsExactlyInAnyOrder(SCOPE + "/tp-before", SCOPE + "/tp-after");
                Map<String, List<ConsumerRecord<String, PackageAlert>>> byKey = new HashMap<>();
                alerts.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
                byKey.forEach((key, events) -> {
                    for (int i = 1; i < events.size(); i++) {
                        assertThat(events.get(i).timestamp()).as("%s event %d timestamp", key, i)
                                .isGreaterThanOrEqualTo(events.get(i - 1).timestamp());
                        assertThat(events.get(i).value().getDetectedAt()).as("%s event %d detectedAt", key, i)
                                .isAfterOrEqualTo(events.get(i - 1).value().getDetectedAt());
                    }
                });
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            } finally {
                collector.stop.set(true);
                polling.join(WAIT.toMillis());
                app.close(Duration.ofSeconds(20));
            }
        }
    }

    private static List<String> staleOf(List<ConsumerRecord<String, PackageAlert>> alerts) {
        return alerts.stream().map(ConsumerRecord::value)
                .filter(a -> a.getType() == AlertType.STALE && a.getState() == AlertState.FIRING)
                .map(a -> a.getPackageKey().toString()).toList();
    }

    private static List<String> staleKeys(EmbeddedKafka kafka, String prefix) {
        return staleOf(alerts(kafka, prefix));
    }

    /** Every committed event on the depletion alert topic (one partition), read to its end. */
    private static List<ConsumerRecord<String, PackageAlert>> alerts(EmbeddedKafka kafka, String prefix) {
        SpecificAvroSerde<PackageAlert> serde = new SpecificAvroSerde<>(PackageAlert.class);
        serde.configure(TestInfra.serdeConfig(), false);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, PackageAlert>> records = new ArrayList<>();
        try (KafkaConsumer<String, PackageAlert> consumer = new KafkaConsumer<>(config, new StringDeserializer(), serde.deserializer())) {
            TopicPartition tp = new TopicPartition(prefix + ".alerts.depletion", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The JSON body of a health endpoint, plus its HTTP status as {@code code}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> health(StreamsApp app, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = new HashMap<>(JSON.readValue(response.body(), Map.class));
        body.put("code", response.statusCode());
        return body;
    }

    /**
     * Polls once a second like a collector: the packages it returns, each send awaited (through a broker outage, as
     * the real publisher does), then an incomplete poll summary (so nothing is marked deleted) with the poll's start.
     */
    private static final class Collector implements Runnable {
        final Set<String> returned = Collections.newSetFromMap(new ConcurrentHashMap<>());
        final AtomicInteger polls = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        volatile Exception failure;
        private final String bootstrap;
        private final String topic;

        Collector(String bootstrap, String topic) {
            this.bootstrap = bootstrap;
            this.topic = topic;
        }

        @Override
        public void run() {
            Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                for (int n = 0; !stop.get(); n++) {
                    Instant started = Instant.now();
                    String pollId = "poll-" + n;
                    for (String id : List.copyOf(returned)) {
                        producer.send(new ProducerRecord<>(topic, SCOPE + "/" + id, bytes(pkg("baidu-eip", "acct", "bj", pollId,
                                Instant.now(), json(item(id)))))).get();
                    }
                    Instant finished = Instant.now();
                    producer.send(new ProducerRecord<>(topic, SCOPE, bytes(summary("baidu-eip", "acct", "bj", pollId,
                            finished, false, started)))).get();
                    polls.incrementAndGet();
                    // the collector's own poll interval
                    TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            }
        }

        private static String item(String id) {
            return "{\"id\":\"" + id + "\",\"deductPolicy\":\"FullTimeDurationPackage\",\"packageType\":\"WebOutBytes\","
                    + "\"status\":\"RUNNING\",\"capacity\":\"10737418240\",\"usedCapacity\":1000,"
                    + "\"createTime\":\"2021-08-10T11:40:57Z\",\"activeTime\":\"2021-08-10T11:41:16Z\","
                    + "\"expireTime\":\"2099-09-10T11:41:16Z\"}";
        }
    }
}
