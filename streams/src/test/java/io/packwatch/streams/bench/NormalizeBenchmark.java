package io.packwatch.streams.bench;

import io.packwatch.core.VendorApi;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Normalization throughput against a pass-through Kafka Streams app (bytes in, bytes out, same exactly-once guarantee,
 * same commit interval, same input) on the same broker in the same run. Not a test: run it with
 * <pre>./mvnw -B -q -o -pl streams test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.packwatch.streams.bench.NormalizeBenchmark -Dexec.args="200000"</pre>
 * It starts the test-support broker and registry (or uses PACKWATCH_TEST_BOOTSTRAP_SERVERS /
 * PACKWATCH_TEST_SCHEMA_REGISTRY_URL). Each app's time runs from RUNNING to its committed input offsets reaching the
 * end of the input, so start-up and rebalancing are not counted.
 */
public final class NormalizeBenchmark {
    private static final int PARTITIONS = 4;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String prefix = KafkaTestClients.unique("pwbench");
        Path stateDir = Files.createTempDirectory("pwbench-state");
        StreamsSettings settings = StreamsSettings.fromMap(Map.of(
                "bootstrap.servers", TestInfra.kafka().bootstrapServers(),
                "schema.registry.url", TestInfra.registry().url(),
                "packwatch.topic.prefix", prefix,
                "state.dir", stateDir.toString(),
                "num.stream.threads", "1",
                "commit.interval.ms", "100"));
        List<String> rawTopics = new ArrayList<>();
        for (VendorApi api : VendorApi.values()) {
            rawTopics.add(settings.topics().raw(api).name());
        }
        KafkaTestClients.createTopics(PARTITIONS, rawTopics.toArray(String[]::new));
        KafkaTestClients.createTopics(PARTITIONS, settings.topics().packages().name(), settings.topics().dlq().name(),
                prefix + ".passthrough");

        long bytes = produce(rawTopics, records);
        System.out.printf("input: %d raw envelopes (%d MB) on %d topics x %d partitions%n", records, bytes >> 20,
                rawTopics.size(), PARTITIONS);

        StreamsBuilder pass = new StreamsBuilder();
        pass.stream(rawTopics, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-source"))
                .to(prefix + ".passthrough", Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-sink"));
        double passRate = run("pass-through", pass.build(), settings, prefix + "-pass", rawTopics, records);

        double normRate = run("normalize", NormalizeOnly.topology(settings), settings, prefix + "-norm", rawTopics, records);

        System.out.printf("RESULT records=%d pass-through=%.0f rec/s normalize=%.0f snapshots/s ratio=%.2f%n",
                records, passRate, normRate, normRate / passRate);
        System.exit(0);
    }

    private static long produce(List<String> topics, int records) throws Exception {
        Properties props = KafkaTestClients.producerProps();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Instant collected = Instant.parse("2024-07-16T10:46:08Z");
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                VendorApi api = VendorApi.values()[i % 4]; // the four APIs of the documented runs, for comparable figures
                String id = "p" + i;
                String item = switch (api) {
                    case TENCENT_VPC -> "{\"TrafficPackageId\":\"tfp-" + id + "\",\"TrafficPackageName\":\"n\",\"TotalAmount\":10,"
                            + "\"RemainingAmount\":7.5,\"UsedAmount\":2.5,\"Status\":\"AVAILABLE\",\"CreatedTime\":\"2022-08-31T11:42:37Z\","
                            + "\"Deadline\":\"2022-09-30T11:42:37Z\",\"DeductType\":\"FULL_TIME\",\"TagSet\":[{\"Key\":\"team\",\"Value\":\"cdn\"}]}";
                    case TENCENT_LIGHTHOUSE -> "{\"TrafficPackageId\":\"lhtfp-" + id + "\",\"TrafficUsed\":1073741824,"
                            + "\"TrafficPackageTotal\":536870912000,\"TrafficPackageRemaining\":535797170176,\"TrafficOverflow\":0,"
                            + "\"StartTime\":\"2024-07-01T00:00:00Z\",\"EndTime\":\"2024-08-01T00:00:00Z\",\"Deadline\":\"2025-07-01T00:00:00Z\",\"Status\":\"NETWORK_NORMAL\"}";
                    case TENCENT_LIVE -> "{\"Id\":\"" + i + "\",\"Type\":0,\"Total\":500000000000,\"Used\":0,\"Left\":500000000000,"
                            + "\"BuyTime\":\"2024-07-16 18:46:08\",\"ExpireTime\":\"2025-07-16 18:46:08\",\"Status\":0,\"WillRenew\":0,\"RenewalResult\":0}";
                    case BAIDU_EIP -> "{\"id\":\"tp-" + id + "\",\"deductPolicy\":\"TimeDurationPackage\",\"packageType\":\"WebOutBytes\","
                            + "\"status\":\"RUNNING\",\"capacity\":10737418240,\"usedCapacity\":0,\"createTime\":\"2021-08-10T11:40:57Z\","
                            + "\"activeTime\":\"2021-08-10T11:40:57Z\",\"expireTime\":\"2021-09-10T11:41:16Z\"}";
                    case TENCENT_CDN -> "{\"Id\":" + (i + 1) + ",\"Type\":\"t\",\"Bytes\":100000000000,\"BytesUsed\":0,\"Status\":\"enabled\","
                            + "\"CreateTime\":\"2024-07-16 18:46:08\",\"ExpireTime\":\"2025-07-16 18:46:08\",\"ExtensionMode\":0,\"Area\":\"mainland\",\"Region\":0}";
                };
                String region = api.regional() ? "r1" : null;
                var env = Envelopes.pkg(api.id(), "bench", region, "poll-1", collected, Envelopes.json(item));
                String packageId = switch (api) {
                    case TENCENT_VPC -> "tfp-" + id;
                    case TENCENT_LIGHTHOUSE -> "lhtfp-" + id;
                    case TENCENT_LIVE -> Integer.toString(i);
                    case BAIDU_EIP -> "tp-" + id;
                    case TENCENT_CDN -> Integer.toString(i + 1);
                };
                String key = api.id() + "/bench/" + (region == null ? "-" : region) + "/";
                if (api == VendorApi.TENCENT_LIGHTHOUSE) {
                    env.put("instanceId", "lhins-" + id);
                    key += "lhins-" + id + "/";
                }
                byte[] value = Envelopes.bytes(env);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topics.get(api.ordinal()), key + packageId, value));
            }
            producer.flush();
        }
        return bytes;
    }

    private static double run(String name, Topology topology, StreamsSettings settings, String appId,
                              List<String> inputs, int records) throws Exception {
        Properties props = settings.streamsProperties();
        props.put("application.id", appId);
        props.remove("application.server");
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.cleanUp();
        long[] runningAt = {0};
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && runningAt[0] == 0) {
                runningAt[0] = System.nanoTime();
            }
        });
        streams.start();
        try (Admin admin = KafkaTestClients.admin()) {
            Map<TopicPartition, Long> ends = KafkaTestClients.endOffsets(admin, inputs);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                        && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    break;
                }
                Thread.sleep(50); // polling the broker's committed offsets; this is a benchmark, not a test
            }
        }
        double seconds = (System.nanoTime() - runningAt[0]) / 1e9;
        streams.close(Duration.ofSeconds(30));
        double rate = records / seconds;
        System.out.printf("%s: %d records in %.2f s = %.0f records/s%n", name, records, seconds, rate);
        return rate;
    }
}
