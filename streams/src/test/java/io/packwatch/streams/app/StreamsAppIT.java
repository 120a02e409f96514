package io.packwatch.streams.app;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.core.VendorApi;
import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.dlq.DeadLetter;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams app instances on the real broker and registry: raw envelopes in, Avro snapshots out (decoded through the
 * registry), a poison pill dead-lettered without stopping the records behind it, and the HTTP API answering and
 * routing key lookups to the owning instance.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class StreamsAppIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Instant COLLECTED = Instant.parse("2024-07-16T10:46:08Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<StreamsApp> apps = new ArrayList<>();

    @TempDir
    Path stateDir;

    @AfterEach
    void stop() {
        apps.forEach(app -> app.close(Duration.ofSeconds(20)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private StreamsApp startInstance(String prefix, String appId, int n) throws Exception {
        int port = freePort();
        StreamsSettings settings = StreamsSettings.fromMap(Map.ofEntries(
                Map.entry("bootstrap.servers", TestInfra.kafka().bootstrapServers()),
                Map.entry("schema.registry.url", TestInfra.registry().url()),
                Map.entry("application.id", appId),
                Map.entry("state.dir", stateDir.resolve("i" + n).toString()),
                Map.entry("commit.interval.ms", "100"),
                Map.entry("statestore.cache.max.bytes", "0"),
                Map.entry("num.stream.threads", "1"),
                Map.entry("packwatch.topic.prefix", prefix),
                Map.entry("packwatch.topics.partitions", "4"),
                Map.entry("packwatch.http.host", "127.0.0.1"),
                Map.entry("packwatch.http.advertised.host", "127.0.0.1"),
                Map.entry("packwatch.http.port", Integer.toString(port))));
        StreamsApp app = StreamsApp.start(settings);
        apps.add(app);
        return app;
    }

    private HttpResponse<String> get(StreamsApp app, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String baiduItem(String id, long used) {
        return "{\"id\":\"" + id + "\",\"deductPolicy\":\"FullTimeDurationPackage\",\"packageType\":\"WebOutBytes\","
                + "\"status\":\"RUNNING\",\"capacity\":\"10737418240\",\"usedCapacity\":" + used + ","
                + "\"createTime\":\"2021-08-10T11:40:57Z\",\"activeTime\":\"2021-08-10T11:41:16Z\",\"expireTime\":\"2021-09-10T11:41:16Z\"}";
    }

    @Test
    void rawEnvelopesBecomeRegistryEncodedSnapshotsAndTwoInstancesServeQueries() throws Exception {
        String prefix = KafkaTestClients.unique("pwit");
        String appId = KafkaTestClients.unique("pwit-app");
        StreamsApp first = startInstance(prefix, appId, 1);
        StreamsApp second = startInstance(prefix, appId, 2);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get(first, "/health").statusCode()).isEqualTo(200);
            assertThat(get(second, "/health").statusCode()).isEqualTo(200);
        });

        String rawBaidu = prefix + ".raw.baidu-eip";
        List<String> keys = new ArrayList<>();
        byte[] poison = "{\"envelopeVersion\":1,\"type\":\"package\",\"item\":".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 12; i++) {
                String id = "tp-it" + i;
                String key = "baidu-eip/acct/bj/" + id;
                keys.add(key);
                producer.send(new ProducerRecord<>(rawBaidu, key, bytes(pkg("baidu-eip", "acct", "bj", "poll-1", COLLECTED,
                        json(baiduItem(id, 1000L * i))))));
                if (i == 5) {
                    // the poison pill sits in the middle, on the same partition as the next good record
                    producer.send(new ProducerRecord<>(rawBaidu, "baidu-eip/acct/bj/tp-it6", poison));
                }
            }
            producer.flush();
        }

        SpecificAvroSerde<PackageSnapshot> serde = new SpecificAvroSerde<>(PackageSnapshot.class);
        serde.configure(TestInfra.serdeConfig(), false);
        List<ConsumerRecord<String, PackageSnapshot>> snapshots = KafkaTestClients.drain(List.of(prefix + ".packages"),
                new StringDeserializer(), serde.deserializer(), 12, WAIT);
        assertThat(snapshots).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys);
        PackageSnapshot six = snapshots.stream().filter(r -> r.key().endsWith("tp-it6")).findFirst().orElseThrow().value();
        assertThat(six.getUsed()).isEqualTo(6000L);
        assertThat(six.getRemaining()).isEqualTo(10737418240L - 6000L);
        assertThat(six.getStatus()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(snapshots.get(0).value().getSchema().getFullName()).isEqualTo("io.packwatch.schema.PackageSnapshot");
        // the registry holds the value subject of the packages topic: the bytes on the topic are registry-encoded
        HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(TestInfra.registry().url() + "/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains(prefix + ".packages-value");

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClients.drain(List.of(prefix + ".dlq"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(poison);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetter.ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
                .contains("malformed JSON");
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetter.VENDOR).value(), StandardCharsets.UTF_8))
                .isEqualTo("baidu-eip");

        // listing: the same complete, key-ordered result from either instance, in pages
        for (StreamsApp app : List.of(first, second)) {
            await().atMost(WAIT).untilAsserted(() -> {
                HttpResponse<String> page1 = get(app, "/packages?vendor=baidu&limit=7");
                assertThat(page1.statusCode()).isEqualTo(200);
                JsonNode body = JSON.readTree(page1.body());
                assertThat(body.get("count").asInt()).isEqualTo(7);
                String next = body.get("next").asText();
                JsonNode page2 = JSON.readTree(get(app, "/packages?vendor=baidu&limit=7&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).body());
                assertThat(page2.get("count").asInt()).isEqualTo(5);
                assertThat(page2.get("next").isNull()).isTrue();
                List<String> listed = new ArrayList<>();
                body.get("items").forEach(item -> listed.add(item.get("packageKey").asText()));
                page2.get("items").forEach(item -> listed.add(item.get("packageKey").asText()));
                assertThat(listed).isEqualTo(keys.stream().sorted().toList());
            });
            assertThat(JSON.readTree(get(app, "/packages?status=EXPIRED").body()).get("count").asInt()).isZero();
            assertThat(JSON.readTree(get(app, "/packages?api=baidu-eip&account=acct&kind=traffic&limit=1000").body())
                    .get("count").asInt()).isEqualTo(12);
            assertThat(JSON.readTree(get(app, "/packages?api=tencent-vpc").body()).get("count").asInt()).isZero();
        }

        // key lookups: asking the first instance answers every key, some of them served by the second one
        Set<String> servers = new HashSet<>();
        for (String key : keys) {
            HttpResponse<String> response = get(first, "/packages/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(key).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.at("/snapshot/packageKey").asText()).isEqualTo(key);
            assertThat(body.at("/snapshot/capacity").asLong()).isEqualTo(10737418240L);
            servers.add(body.get("servedBy").asText());
        }
        assertThat(servers).containsExactlyInAnyOrder("127.0.0.1:" + first.httpPort(), "127.0.0.1:" + second.httpPort());
        assertThat(get(second, "/packages/" + URLEncoder.encode("baidu-eip/acct/bj/none", StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(404);

        HttpResponse<String> metrics = get(first, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kafka_stream_").contains("jvm_memory_used_bytes");

        assertTopicsCreatedAsDocumented(prefix);

        // graceful shutdown of one instance: it leaves the group, the other takes its partitions and answers every key
        second.close(Duration.ofSeconds(30));
        assertThat(second.streams().state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING);
        await().atMost(WAIT).untilAsserted(() -> {
            for (String key : keys) {
                HttpResponse<String> response = get(first, "/packages/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
                assertThat(response.statusCode()).as(key).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).get("servedBy").asText()).isEqualTo("127.0.0.1:" + first.httpPort());
            }
        });
    }

    private static void assertTopicsCreatedAsDocumented(String prefix) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = KafkaTestClients.admin()) {
            List<String> names = List.of(prefix + ".raw.tencent-vpc", prefix + ".packages", prefix + ".package-state", prefix + ".dlq");
            var described = admin.describeTopics(names).allTopicNames().get();
            names.forEach(n -> assertThat(described.get(n).partitions()).as(n).hasSize(4));
            var resources = names.stream().map(n -> new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n)).toList();
            var configs = admin.describeConfigs(resources).all().get();
            java.util.function.Function<String, String> cleanup = n -> configs.get(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n)).get("cleanup.policy").value();
            assertThat(cleanup.apply(prefix + ".packages")).isEqualTo("delete");
            assertThat(cleanup.apply(prefix + ".dlq")).isEqualTo("delete");
            assertThat(cleanup.apply(prefix + ".package-state")).isEqualTo("compact");
        }
    }
}
