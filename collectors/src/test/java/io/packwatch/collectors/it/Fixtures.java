package io.packwatch.collectors.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.vendor.VendorJson;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Shared scaffolding of the collector ITs: secrets, scenario text, collector configs, reading the raw topic. */
final class Fixtures {
    static final String TC_ID = "AKIDcollectorItSecretId0001";
    static final String TC_KEY = "collectorItTencentSecretKey01";
    static final String TC2_ID = "AKIDcollectorItSecretId0002";
    static final String TC2_KEY = "collectorItTencentSecretKey02";
    static final String BD_AK = "collectorItBaiduAccessKey01";
    static final String BD_SK = "collectorItBaiduSecretKey0001";
    static final String WRONG_KEY = "collectorItWrongSecretKey999";
    /** Every secret the ITs configure: none may show up in logs or topics. */
    static final List<String> SECRETS = List.of(TC_KEY, TC2_KEY, BD_SK, WRONG_KEY);

    static final Map<String, String> ENV = Map.of(
            "TC_ID", TC_ID, "TC_KEY", TC_KEY, "TC2_ID", TC2_ID, "TC2_KEY", TC2_KEY,
            "BD_AK", BD_AK, "BD_SK", BD_SK, "WRONG_KEY", WRONG_KEY);

    static final int PARTITIONS = 3;
    static final int TIMEOUT_SECONDS = 60;

    private Fixtures() { }

    static String tencentAccount(String id, String secretId, String secretKey) {
        return "  - id: " + id + "\n    vendor: tencent\n    secretId: " + secretId + "\n    secretKey: " + secretKey + "\n";
    }

    static String baiduAccount(String id) {
        return "  - id: " + id + "\n    vendor: baidu\n    accessKeyId: " + BD_AK + "\n    secretAccessKey: " + BD_SK + "\n";
    }

    static String vpc(String region, String prefix, int n) {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < n; i++) {
            y.append("      - {id: ").append(prefix).append(String.format("%06d", i)).append(", name: p").append(i)
                    .append(", region: ").append(region).append(", capacity: ").append(i % 2 == 0 ? "10" : "50.5")
                    .append(", used: 1, tags: {team: t").append(i % 3).append("}}\n");
        }
        return y.toString();
    }

    static String lighthouse(String region, int instances) {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < instances; i++) {
            y.append("      - {id: lhtfp-").append(String.format("%08d", i)).append(", instance: lhins-").append(String.format("%08d", i))
                    .append(", region: ").append(region).append(", capacity: 500GiB, used: 1GiB}\n");
        }
        return y.toString();
    }

    static String live(int traffic, int transcode, int topSpeed, int coAnchoring) {
        StringBuilder y = new StringBuilder();
        int id = 700000;
        for (int i = 0; i < traffic; i++) y.append("      - {id: '").append(id++).append("', type: 0, capacity: 500GB, used: 1GB}\n");
        for (int i = 0; i < transcode; i++) y.append("      - {id: '").append(id++).append("', type: 1, capacity: 1000, used: 10}\n");
        for (int i = 0; i < topSpeed; i++) y.append("      - {id: '").append(id++).append("', type: 2, capacity: 3000}\n");
        for (int i = 0; i < coAnchoring; i++) y.append("      - {id: '").append(id++).append("', type: 3, capacity: 100, used: 1}\n");
        return y.toString();
    }

    static String eip(String region, int n) {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < n; i++) {
            y.append("      - {id: tp-").append(region).append(String.format("%06d", i)).append(", region: ").append(region)
                    .append(", capacity: 10GiB, used: 1GiB}\n");
        }
        return y.toString();
    }

    /**
     * A collector config aimed at the simulator; {@code accounts} is the YAML list of accounts, {@code extra} more
     * top-level keys (a {@code retry:} there replaces the default one).
     */
    static CollectorConfig config(VendorApi api, SimulatorServer sim, String topic, String accounts, String extra) {
        StringBuilder y = new StringBuilder();
        y.append("api: ").append(api.id()).append('\n');
        y.append("pollIntervalSeconds: 1\n");
        y.append("timeouts: {connectSeconds: 2, readSeconds: 2}\n");
        if (extra == null || !extra.startsWith("retry:")) { // the config reader refuses a key written twice
            y.append("retry: {maxAttempts: 4, initialBackoffMillis: 50, maxBackoffMillis: 400}\n");
        }
        y.append("shutdownTimeoutSeconds: 5\n");
        if (api == VendorApi.BAIDU_EIP) {
            y.append("regionEndpoints:\n");
            sim.baiduEndpoints().forEach((r, url) -> y.append("  ").append(r).append(": ").append(url).append('\n'));
        } else {
            y.append("endpoint: http://").append(sim.tencentEndpoint()).append('\n');
        }
        y.append("accounts:\n").append(accounts);
        y.append("kafka:\n  topic: ").append(topic).append("\n  producer:\n    bootstrap.servers: ")
                .append(TestInfra.kafka().bootstrapServers()).append("\n    linger.ms: 5\n");
        y.append(extra == null ? "" : extra);
        ConfigLoader loader = new ConfigLoader(ENV::get);
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("collector-it", ".yaml");
            java.nio.file.Files.writeString(file, y.toString());
            return loader.load(file, api);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String account(String name, String idEnv, String keyEnv, List<String> regions) {
        String r = regions.isEmpty() ? "" : "    regions: [" + String.join(", ", regions) + "]\n";
        return "  - name: " + name + "\n    credentials: {idEnv: " + idEnv + ", keyEnv: " + keyEnv + "}\n" + r;
    }

    static String topic(String api) {
        String topic = KafkaTestClients.unique("it.raw." + api);
        KafkaTestClients.createTopics(PARTITIONS, topic);
        return topic;
    }

    /** A record read back, with its envelope parsed. */
    record Raw(String key, int partition, JsonNode envelope, Map<String, String> headers, byte[] value) {
        boolean isSummary() {
            return envelope.path("type").asText().equals("poll-summary");
        }
    }

    /** Reads until {@code summaries} summary copies arrived (each poll writes one per partition), plus what came with them. */
    static List<Raw> readUntilSummaries(String topic, int summaries) {
        List<Raw> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_SECONDS).toNanos();
        java.util.Properties props = KafkaTestClients.consumerProps(KafkaTestClients.unique("it-read"));
        Map<String, Object> config = new java.util.HashMap<>();
        props.forEach((k, v) -> config.put(k.toString(), v));
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (out.stream().filter(Raw::isSummary).count() < summaries && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(raw(r));
                }
            }
            // Anything published after the last summary would be a bug: give it a moment to show up.
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                out.add(raw(r));
            }
        }
        return out;
    }

    private static Raw raw(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        try {
            return new Raw(r.key(), r.partition(), VendorJson.MAPPER.readTree(r.value()), headers, r.value());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON on the raw topic: " + r.key(), e);
        }
    }

    static List<Raw> packages(List<Raw> records) {
        return records.stream().filter(r -> !r.isSummary()).collect(Collectors.toList());
    }

    static List<Raw> summaries(List<Raw> records) {
        return records.stream().filter(Raw::isSummary).collect(Collectors.toList());
    }
}
