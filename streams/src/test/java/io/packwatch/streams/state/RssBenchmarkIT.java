package io.packwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.VendorApi;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsCommand;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test (skipped unless -Dpackwatch.bench=true): the streams app in its own JVM (so its RSS is its
 * own, not the broker's) loads N packages (default 1,000,000, -Dpackwatch.bench.rss.packages) and its RSS and state
 * directory size are read once every package has a state record.
 * Run: {@code ./mvnw -B -pl streams verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RssBenchmarkIT -Dpackwatch.bench=true}
 */
@ExtendWith(KafkaAndRegistryExtension.class)
@EnabledIfSystemProperty(named = "packwatch.bench", matches = "true")
class RssBenchmarkIT {

    private static final Logger LOG = LoggerFactory.getLogger(RssBenchmarkIT.class);
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void rssWithManyPackages() throws Exception {
        int packages = Integer.getInteger("packwatch.bench.rss.packages", 1_000_000);
        String prefix = KafkaTestClients.unique("pwrss");
        int port = StateAndAlertsIT.freePort();
        Map<String, String> config = new HashMap<>(StateAndAlertsIT.config(prefix, KafkaTestClients.unique("pwrss-app"),
                dir.resolve("state"), port));
        config.remove("commit.interval.ms");
        config.remove("statestore.cache.max.bytes");
        StreamsSettings settings = StreamsSettings.fromMap(config);
        io.packwatch.streams.app.TopicProvisioner.ensureTopics(new HashMap<>(settings.kafka()), settings.topics(), 3, (short) 1);
        String raw = settings.topics().raw(VendorApi.BAIDU_EIP).name();

        Properties props = new Properties();
        props.putAll(config);
        Path file = dir.resolve("streams.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            props.store(w, "rss benchmark");
        }
        String heap = System.getProperty("packwatch.bench.rss.xmx", "1g");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                StreamsCommand.class.getName(), "--config", file.toString()));
        Path log = Files.createDirectories(Path.of("target", "rss-bench")).resolve(prefix + ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long t = System.nanoTime();
            Instant at = Instant.now().minus(Duration.ofMinutes(10));
            Properties pp = KafkaTestClients.producerProps();
            pp.put(ProducerConfig.LINGER_MS_CONFIG, "10");
            pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
                for (int p = 0; p < packages; p++) {
                    String id = "tp-r" + p;
                    producer.send(new ProducerRecord<>(raw, null, at.toEpochMilli(), "baidu-eip/rss/bj/" + id,
                            Envelopes.benchBaiduPackage("rss", id, (long) (p % 100) * GIB / 10, "poll-rss", at)));
                }
                producer.flush();
            }
            LOG.info("BENCH produced {} packages in {} s", packages, Duration.ofNanos(System.nanoTime() - t).toSeconds());
            int seen = countUntil(prefix + ".package-state", packages, Duration.ofMinutes(25));
            long seconds = Duration.ofNanos(System.nanoTime() - t).toSeconds();
            String rss = Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM")).reduce((a, b) -> a + ", " + b).orElse("?");
            long stateBytes;
            try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
                stateBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            LOG.info("BENCH {} packages loaded ({} state records) in {} s; app JVM (-Xmx{}) {}; state dir {} bytes = {} bytes/package",
                    packages, seen, seconds, heap, rss.replaceAll("\\s+", " "), stateBytes, stateBytes / Math.max(1, packages));
            assertThat(seen).isEqualTo(packages);
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private static int countUntil(String topic, int expected, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        KafkaTestClients.consumerProps(KafkaTestClients.unique("rss")).forEach((k, v) -> props.put(k.toString(), v));
        int seen = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (seen < expected && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return seen;
    }
}
