package io.packwatch.collectors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.collectors.run.CycleReport;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.scenario.Scenario;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away for 10 s in the middle of a cycle: the collector keeps listing, keeps retrying its sends,
 * reports the failed sends (publish-failures metric, {@code event=publish-retry} log), and once the broker is back
 * every package and the summaries are on the topic. Uses its own broker (one broker plus one controller, so the
 * broker can be stopped and started) rather than the shared one.
 */
class BrokerOutageIT {
    static final int PACKAGES = 3000;

    @Test
    void nothingIsLostWhenTheBrokerIsDownForTenSeconds(@TempDir Path dir) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction()).setBaseDirectory(dir).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0", "share.coordinator.state.topic.replication.factor", "1",
                "unstable.api.versions.enable", "false", "unstable.feature.versions.enable", "false",
                "auto.create.topics.enable", "false").forEach(builder::setConfigProp);
        String scenario = "name: outage\naccounts:\n" + Fixtures.tencentAccount("tc", Fixtures.TC_ID, Fixtures.TC_KEY)
                + "    vpc:\n" + Fixtures.vpc("ap-guangzhou", "tfp-gz", PACKAGES);
        try (KafkaClusterTestKit cluster = builder.build();
             SimulatorServer sim = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(scenario)))) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String topic = "it.raw.outage";
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
            Path file = Files.createTempFile(dir, "outage", ".yaml");
            Files.writeString(file, """
                    pollIntervalSeconds: 1
                    endpoint: http://%s
                    pacing: {requestsPerSecond: 5}
                    accounts:
                      - name: main
                        credentials: {idEnv: TC_ID, keyEnv: TC_KEY}
                        regions: [ap-guangzhou]
                    kafka:
                      topic: %s
                      producer: {bootstrap.servers: "%s", linger.ms: 5, reconnect.backoff.max.ms: 500}
                    """.formatted(sim.tencentEndpoint(), topic, cluster.bootstrapServers()));
            CollectorConfig cfg = new ConfigLoader(Fixtures.ENV::get).load(file, VendorApi.TENCENT_VPC);

            // The test Log4j configuration appends every run's lines to this file: read only what this run adds.
            long logOffset = Files.exists(SecretsScanIT.LOG) ? Files.size(SecretsScanIT.LOG) : 0;
            try (CollectorHost host = new CollectorHost(List.of(cfg), null, "127.0.0.1")) {
                CompletableFuture<Map<VendorApi, CycleReport>> cycle = CompletableFuture.supplyAsync(() -> {
                    try {
                        return host.runOnce();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // 30 pages at 5 requests/s: stop the broker once a few pages are through.
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> sim.stats().requests(VendorApi.TENCENT_VPC, "tc") >= 5);
                BrokerServer broker = cluster.brokers().values().iterator().next();
                broker.shutdown();
                broker.awaitShutdown();
                long down = System.nanoTime();
                // Reported while the broker is away, not only once it is back: with the broker gone the producer
                // loses the topic's metadata, a send waits max.block.ms (5 s) and fails at once; the publisher
                // counts it (packwatch_collector_publish_failures_total) and tries the same record again.
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> publishFailures(host) >= 1);
                // The outage itself is the scenario: ten seconds without a broker.
                long left = Duration.ofSeconds(10).toNanos() - (System.nanoTime() - down);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
                assertThat(cycle).isNotDone();
                broker.startup();
                CycleReport report = cycle.get(120, TimeUnit.SECONDS).get(VendorApi.TENCENT_VPC);
                assertThat(report.complete()).as("%s", report).isTrue();
                assertThat(report.packages()).isEqualTo(PACKAGES);

            }
            assertThat(logSince(logOffset)).as("collector log during the outage")
                    .contains("RawPublisher event=publish-retry topic=" + topic + " reason=");

            Set<String> keys = new HashSet<>();
            int summaries = 0;
            Map<String, Object> consumer = new HashMap<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                    "group.id", "outage-check", "auto.offset.reset", "earliest"));
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((keys.size() < PACKAGES || summaries < 3) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                        if (r.key().split("/").length == 3) {
                            summaries++;
                        } else {
                            keys.add(r.key());
                        }
                    }
                }
            }
            assertThat(keys).hasSize(PACKAGES);
            assertThat(summaries).isEqualTo(3);
        }
    }

    private static String logSince(long offset) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(SecretsScanIT.LOG.toFile(), "r")) {
            byte[] added = new byte[(int) Math.max(0, log.length() - offset)];
            log.seek(offset);
            log.readFully(added);
            return new String(added, StandardCharsets.UTF_8);
        }
    }

    private static double publishFailures(CollectorHost host) {
        return host.registry().find("packwatch.collector.publish.failures")
                .tag("api", VendorApi.TENCENT_VPC.id()).counters().stream().mapToDouble(Counter::count).sum();
    }
}
