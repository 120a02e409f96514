package io.packwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.VendorApi;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test (skipped unless -Dpackwatch.bench=true): full topology (normalize + state + alerts) against a
 * pass-through app (bytes in, bytes out, exactly-once) on the same broker in the same run; p99 latency from a raw
 * record's append to the visibility (read_committed) of its package-state record, which commits in the same
 * transaction as its alerts; state store bytes per package on disk.
 * Run: {@code ./mvnw -B -pl streams verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StateBenchmarkIT -Dpackwatch.bench=true}
 * Sizes: -Dpackwatch.bench.packages (default 20000), -Dpackwatch.bench.polls (5), -Dpackwatch.bench.rounds (2: one
 * warm-up round, then the measured one, each on fresh topics, app ids and state dirs); both apps:
 * -Dpackwatch.bench.commit-interval-ms (EOS default 100), -Dpackwatch.bench.threads (stream threads, default 1),
 * -Dpackwatch.bench.kafka.KEY=VALUE (any Kafka Streams or client setting).
 */
@ExtendWith(KafkaAndRegistryExtension.class)
@EnabledIfSystemProperty(named = "packwatch.bench", matches = "true")
class StateBenchmarkIT {

    private static final Logger LOG = LoggerFactory.getLogger(StateBenchmarkIT.class);
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void fullTopologyVersusPassThrough() throws Exception {
        // Like JMH's warm-up iterations: the first rounds let the JIT compile both apps and the broker (it took 75 %
        // of a core through the second half of a cold full-topology run); only the last round is the measurement.
        int rounds = Integer.getInteger("packwatch.bench.rounds", 2);
        for (int round = 1; round <= rounds; round++) {
            runRound(round, round == rounds);
        }
    }

    private void runRound(int round, boolean measured) throws Exception {
        String label = measured ? "BENCH" : "warm-up round " + round + ":";
        Path roundDir = dir.resolve("round-" + round);
        int packages = Integer.getInteger("packwatch.bench.packages", 20_000);
        int polls = Integer.getInteger("packwatch.bench.polls", 5);
        String prefix = KafkaTestClients.unique("pwbench");
        Map<String, String> config = new HashMap<>(StateAndAlertsIT.config(prefix, KafkaTestClients.unique("pwbench-app"),
                roundDir.resolve("full"), StateAndAlertsIT.freePort()));
        config.remove("commit.interval.ms");   // exactly-once default (100 ms) unless -Dpackwatch.bench.commit-interval-ms
        String commitInterval = System.getProperty("packwatch.bench.commit-interval-ms");
        if (commitInterval != null) {
            config.put("commit.interval.ms", commitInterval);
        }
        config.remove("statestore.cache.max.bytes");
        String threads = System.getProperty("packwatch.bench.threads");   // both apps; Kafka's default is one
        if (threads != null) {
            config.put("num.stream.threads", threads);
        }
        // any Kafka Streams / client setting for both apps, e.g. -Dpackwatch.bench.kafka.producer.batch.size=262144
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("packwatch.bench.kafka."))
                .forEach(k -> config.put(k.substring("packwatch.bench.kafka.".length()), System.getProperty(k)));
        StreamsSettings settings = StreamsSettings.fromMap(config);
        io.packwatch.streams.app.TopicProvisioner.ensureTopics(new HashMap<>(settings.kafka()), settings.topics(), 3, (short) 1);
        String raw = settings.topics().raw(VendorApi.BAIDU_EIP).name();

        long t = System.nanoTime();
        // timestamps near now: the raw topics keep 7 days, older records would be deleted by retention mid-run
        produce(raw, packages, polls, Instant.now().minus(Duration.ofHours(1)), false);
        // what the topic really holds is what both apps must read (a send the producer gave up on is not there)
        int total = (int) recordsIn(raw);
        LOG.info("produced {} raw envelopes ({} sent) in {} ms", total, packages * polls, ms(t));

        String passOut = prefix + ".passthrough";
        KafkaTestClients.createTopics(3, passOut);
        Properties pass = settings.streamsProperties();
        pass.put(StreamsConfig.APPLICATION_ID_CONFIG, KafkaTestClients.unique("pwbench-pass"));
        pass.put(StreamsConfig.STATE_DIR_CONFIG, roundDir.resolve("pass").toString());
        StreamsBuilder b = new StreamsBuilder();
        b.stream(raw, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .to(passOut, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-sink"));
        Rates passRate;
        try (KafkaStreams streams = new KafkaStreams(b.build(pass), pass)) {
            streams.start();
            passRate = rate(label + " pass-through", passOut, total);
        }

        Rates floorRate = floor(settings, raw, prefix, roundDir, label, total);

        Rates fullRate;
        try (StreamsApp app = StreamsApp.start(settings)) {
            fullRate = rate(label + " full topology", prefix + ".package-state", total);
            if (measured) {
                // latency under load: new polls stamped with the wall clock, at a fixed rate
                List<Long> latencies = latency(raw, prefix + ".package-state", Math.min(packages, 2_000), 400);
                Collections.sort(latencies);
                long p50 = latencies.get(latencies.size() / 2);
                long p99 = latencies.get((int) Math.floor(latencies.size() * 0.99) - 1);
                LOG.info("BENCH latency raw append -> package-state visible (read_committed): n={} p50={} ms p99={} ms max={} ms (commit interval {} ms)",
                        latencies.size(), p50, p99, latencies.get(latencies.size() - 1), commitInterval == null ? "100" : commitInterval);
            }
            app.close(Duration.ofSeconds(30));
        }
        long stateBytes = bytesUnder(roundDir.resolve("full"));
        LOG.info("{} throughput: pass-through {} rec/s, full {} rec/s, ratio {}; second half: pass-through {} rec/s, full {} rec/s, ratio {}", label,
                Math.round(passRate.whole()), Math.round(fullRate.whole()),
                String.format(java.util.Locale.ROOT, "%.2f", fullRate.whole() / passRate.whole()),
                Math.round(passRate.secondHalf()), Math.round(fullRate.secondHalf()),
                String.format(java.util.Locale.ROOT, "%.2f", fullRate.secondHalf() / passRate.secondHalf()));
        LOG.info("{} I/O floor: {} rec/s, ratio {}; second half {} rec/s, ratio {}", label, Math.round(floorRate.whole()),
                String.format(java.util.Locale.ROOT, "%.2f", floorRate.whole() / passRate.whole()), Math.round(floorRate.secondHalf()),
                String.format(java.util.Locale.ROOT, "%.2f", floorRate.secondHalf() / passRate.secondHalf()));
        LOG.info("{} state dir after the run: {} bytes for {} packages = {} bytes/package (all stores, RocksDB files)", label,
                stateBytes, packages, stateBytes / packages);
        assertThat(fullRate.whole()).isPositive();
    }

    /**
     * The I/O the contract requires per snapshot and nothing else: one read and one write of a changelogged
     * store (the history must survive a crash), a record to the packages topic and one to the package-state topic,
     * with the value sizes the full topology writes (TopologyCpuProbe prints them: snapshot 138, state 219, tracking
     * 457 bytes). No parsing, no Avro, no logic: an upper bound for any topology that keeps that contract.
     */
    private static Rates floor(StreamsSettings settings, String raw, String prefix, Path roundDir, String label, int total) throws Exception {
        String packagesOut = prefix + ".floor-packages";
        String stateOut = prefix + ".floor-state";
        KafkaTestClients.createTopics(3, packagesOut, stateOut);
        Properties props = settings.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, KafkaTestClients.unique("pwbench-floor"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, roundDir.resolve("floor").toString());
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("bench-floor-store"),
                Serdes.String(), Serdes.ByteArray()));
        KStream<String, byte[]> out = b.stream(raw, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-floor-source"))
                .process(FloorProcessor::new, Named.as("bench-floor-processor"), "bench-floor-store");
        out.to(packagesOut, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(FloorProcessor.PACKAGES_SINK));
        out.to(stateOut, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(FloorProcessor.STATE_SINK));
        try (KafkaStreams streams = new KafkaStreams(b.build(props), props)) {
            streams.start();
            return rate(label + " I/O floor", stateOut, total);
        }
    }

    private static final class FloorProcessor extends ContextualProcessor<String, byte[], String, byte[]> {
        static final String PACKAGES_SINK = "bench-floor-packages-sink";
        static final String STATE_SINK = "bench-floor-state-sink";
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            super.init(context);
            store = context.getStateStore("bench-floor-store");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            byte[] previous = store.get(record.key());
            byte[] tracking = Arrays.copyOf(record.value(), 457);
            if (previous != null) {
                tracking[0] = previous[0];
            }
            store.put(record.key(), tracking);
            context().forward(record.withValue(Arrays.copyOf(record.value(), 138)), PACKAGES_SINK);
            context().forward(record.withValue(Arrays.copyOf(record.value(), 219)), STATE_SINK);
        }
    }

    private static long recordsIn(String topic) throws Exception {
        try (var admin = KafkaTestClients.admin()) {
            return KafkaTestClients.endOffsets(admin, List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * Records per second over the whole output (first output record to the last, start-up excluded) and over its
     * second half only (JIT compilation, which takes a third of this 2-core machine while a fresh app warms up, and
     * the first store writes are behind it by then).
     */
    private static Rates rate(String name, String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        KafkaTestClients.consumerProps(KafkaTestClients.unique("bench")).forEach((k, v) -> props.put(k.toString(), v));
        long first = 0;
        long half = 0;
        int seenAtHalf = 0;
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (seen < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                seen += records.count();
                if (half == 0 && seen >= expected / 2) {
                    half = System.nanoTime();
                    seenAtHalf = seen;
                }
            }
        }
        long end = System.nanoTime();
        Rates rates = new Rates(seen / ((end - first) / 1e9), (seen - seenAtHalf) / ((end - half) / 1e9));
        LOG.info("{}: {} records in {} s after the first output ({} rec/s), second half {} rec/s", name, seen,
                String.format(java.util.Locale.ROOT, "%.1f", (end - first) / 1e9), Math.round(rates.whole()), Math.round(rates.secondHalf()));
        assertThat(seen).isEqualTo(expected);
        return rates;
    }

    private record Rates(double whole, double secondHalf) {
    }

    private static void produce(String topic, int packages, int polls, Instant start, boolean wallClockTimestamps) {
        Properties props = KafkaTestClients.producerProps();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int poll = 0; poll < polls; poll++) {
                Instant at = start.plus(Duration.ofMinutes(poll));
                for (int p = 0; p < packages; p++) {
                    producer.send(record(topic, p, at, poll, wallClockTimestamps ? System.currentTimeMillis() : at.toEpochMilli()));
                }
            }
            producer.flush();
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, int p, Instant at, int poll, long timestamp) {
        String id = "tp-b" + p;
        return new ProducerRecord<>(topic, null, timestamp, "baidu-eip/bench/bj/" + id,
                Envelopes.benchBaiduPackage("bench", id, (long) (p % 100) * GIB / 10 + poll * 1_000_000L, "poll-" + poll, at));
    }

    /** Sends {@code count} new polls at {@code perSecond}, stamped with the send time; returns latencies in ms. */
    private static List<Long> latency(String raw, String stateTopic, int count, int perSecond) throws Exception {
        Map<String, Object> props = new HashMap<>();
        KafkaTestClients.consumerProps(KafkaTestClients.unique("bench-lat")).forEach((k, v) -> props.put(k.toString(), v));
        props.put("auto.offset.reset", "latest");
        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(stateTopic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            Instant at = Instant.now();
            long startNanos = System.nanoTime();
            int sent = 0;
            while (latencies.size() < count) {
                long due = (long) ((System.nanoTime() - startNanos) / 1e9 * perSecond);
                while (sent < count && sent < due) {
                    producer.send(record(raw, sent, at, 100, System.currentTimeMillis()));
                    sent++;
                }
                producer.flush();
                consumer.poll(Duration.ofMillis(5)).forEach(r -> latencies.add(System.currentTimeMillis() - r.timestamp()));
            }
        }
        return latencies;
    }

    private static long bytesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
