package io.packwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.PackageAlert;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app on the real broker and registry: the four-vendor scenario's raw envelopes in, exactly the expected
 * alert transitions on both alert topics (read_committed) and nothing else, the pool alerts included; the HTTP API
 * lists the active alerts, gives state + alerts + pool of a package, and lists the pools.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class StateAndAlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();
    private StreamsApp app;

    @TempDir
    Path stateDir;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close(Duration.ofSeconds(20));
        }
    }

    static Map<String, String> config(String prefix, String appId, Path stateDir, int httpPort) {
        return Map.ofEntries(
                Map.entry("bootstrap.servers", TestInfra.kafka().bootstrapServers()),
                Map.entry("schema.registry.url", TestInfra.registry().url()),
                Map.entry("application.id", appId),
                Map.entry("state.dir", stateDir.toString()),
                Map.entry("commit.interval.ms", "100"),
                Map.entry("statestore.cache.max.bytes", "0"),
                Map.entry("num.stream.threads", "1"),
                Map.entry("session.timeout.ms", "6000"),
                Map.entry("packwatch.topic.prefix", prefix),
                Map.entry("packwatch.topics.partitions", "3"),
                // no wall-clock STALE during the test: the scenario's data is historical
                Map.entry("packwatch.alerts.stale.poll-interval", "PT1H"),
                Map.entry("packwatch.http.host", "127.0.0.1"),
                Map.entry("packwatch.http.advertised.host", "127.0.0.1"),
                Map.entry("packwatch.http.port", Integer.toString(httpPort)));
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void produce(String prefix, List<RawScenario.RawRecord> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(),
                new StringSerializer(), new ByteArraySerializer())) {
            for (RawScenario.RawRecord r : records) {
                producer.send(new ProducerRecord<>(prefix + ".raw." + r.topicSuffix(), null, r.timestamp().toEpochMilli(),
                        r.key(), r.value()));
            }
            producer.flush();
        }
    }

    static List<ConsumerRecord<String, PackageAlert>> drainAlerts(String topic, int atLeast, Duration wait) {
        SpecificAvroSerde<PackageAlert> serde = new SpecificAvroSerde<>(PackageAlert.class);
        serde.configure(TestInfra.serdeConfig(), false);
        return KafkaTestClients.drain(List.of(topic), new StringDeserializer(), serde.deserializer(), atLeast, wait);
    }

    static List<String> summaries(List<ConsumerRecord<String, PackageAlert>> records) {
        return records.stream().map(r -> r.value().getAlertKey() + " " + r.value().getState() + " " + r.value().getSeverity()).toList();
    }

    @Test
    void scenarioProducesExactlyTheExpectedAlertsOnBothTopics() throws Exception {
        String prefix = KafkaTestClients.unique("pwstate");
        int port = freePort();
        app = StreamsApp.start(StreamsSettings.fromMap(config(prefix, KafkaTestClients.unique("pwstate-app"), stateDir, port)));
        await().atMost(WAIT).until(() -> get(port, "/health").statusCode() == 200);

        produce(prefix, RawScenario.records());

        drainAlerts(prefix + ".alerts.depletion", RawScenario.EXPECTED_DEPLETION.size(), WAIT);
        // then one more than expected with a short wait, so a surplus event would show up instead of being cut off
        List<ConsumerRecord<String, PackageAlert>> depletion = drainAlerts(prefix + ".alerts.depletion",
                RawScenario.EXPECTED_DEPLETION.size() + 1, Duration.ofSeconds(5));
        List<ConsumerRecord<String, PackageAlert>> expiry = drainAlerts(prefix + ".alerts.expiry",
                RawScenario.EXPECTED_EXPIRY.size() + 1, Duration.ofSeconds(5));
        assertThat(summaries(depletion)).containsExactlyInAnyOrderElementsOf(RawScenario.EXPECTED_DEPLETION);
        assertThat(summaries(expiry)).containsExactlyInAnyOrderElementsOf(RawScenario.EXPECTED_EXPIRY);
        assertThat(depletion).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getAlertKey()));
        // per alert key the order is the lifecycle order (one key lives on one partition)
        assertThat(summaries(depletion).stream().filter(s -> s.startsWith(RawScenario.LH_KEY + "#EXHAUSTED")).toList())
                .containsExactly(RawScenario.LH_KEY + "#EXHAUSTED FIRING CRITICAL", RawScenario.LH_KEY + "#EXHAUSTED RESOLVED CRITICAL");
        // all of it is read at once: the pooled package is judged by its pool as it stood after each of its snapshots,
        // however far the pool-state topic lags (a CRITICAL first and INFO after was the lag showing)
        assertThat(summaries(depletion).stream().filter(s -> s.startsWith(RawScenario.SH_FIRST_KEY + "#EXHAUSTED")).toList())
                .containsExactly(RawScenario.SH_FIRST_KEY + "#EXHAUSTED FIRING INFO",
                        RawScenario.SH_FIRST_KEY + "#EXHAUSTED FIRING CRITICAL");

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> firing = get(port, "/alerts?state=FIRING");
            assertThat(firing.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(firing.body()).get("count").asInt()).isEqualTo(RawScenario.EXPECTED_FIRING);
        });
        assertThat(get(port, "/alerts?state=RESOLVED").statusCode()).isEqualTo(400);
        JsonNode expiring = JSON.readTree(get(port, "/alerts?type=EXPIRING").body());
        assertThat(expiring.get("count").asInt()).isEqualTo(1);

        JsonNode vpc = JSON.readTree(get(port, "/packages/" + URLEncoder.encode(RawScenario.VPC_KEY, StandardCharsets.UTF_8)).body());
        assertThat(vpc.at("/snapshot/packageKey").asText()).isEqualTo(RawScenario.VPC_KEY);
        assertThat(vpc.at("/state/forecastMethod").asText()).isEqualTo("LEAST_SQUARES");
        assertThat(vpc.at("/state/percentUsed").asDouble()).isEqualTo(100.0);
        assertThat(vpc.get("alerts")).hasSize(5);   // DEPLETION_FORECAST, EXHAUSTED and the three bands
        assertThat(vpc.at("/pool/poolKey").asText()).isEqualTo(RawScenario.VPC_POOL);
        assertThat(vpc.at("/snapshot/packageKey").asText()).isEqualTo(vpc.at("/pool/members/0/packageKey").asText());

        // every instance holds every pool; the Lighthouse package has none, the Live one expired before it joined one
        JsonNode pools = JSON.readTree(get(port, "/pools").body());
        assertThat(pools.get("items")).extracting(p -> p.get("poolKey").asText())
                .containsExactly("baidu-eip/acme/bj/TRAFFIC/FULL_TIME", RawScenario.VPC_POOL, RawScenario.SH_POOL);
        JsonNode pool = JSON.readTree(get(port, "/pools/" + URLEncoder.encode(RawScenario.VPC_POOL, StandardCharsets.UTF_8)).body());
        assertThat(pool.at("/state/remaining").asLong()).isZero();
        assertThat(pool.at("/state/overageStartsAt").asText()).isEqualTo(pool.at("/state/observedAt").asText());
        assertThat(get(port, "/pools/nope").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
