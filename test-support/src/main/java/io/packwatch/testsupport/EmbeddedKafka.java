package io.packwatch.testsupport;

import java.nio.file.Path;
import kafka.server.BrokerServer;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One real Kafka broker in KRaft combined mode, from Kafka's own test kit, with the settings platform-notes.md found
 * necessary on a single node (without the replication factors of 1, consumers and exactly-once Streams hang).
 */
public final class EmbeddedKafka implements KafkaEndpoint, AutoCloseable {

    static final Map<String, String> SINGLE_NODE_SETTINGS = Map.ofEntries(
            Map.entry("unstable.api.versions.enable", "false"),
            Map.entry("unstable.feature.versions.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "4"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
            Map.entry("num.partitions", "3"),
            Map.entry("auto.create.topics.enable", "false"));

    static final String BASE_DIR_PREFIX = "packwatch-kafka-";

    private final KafkaClusterTestKit cluster;
    private final Path baseDirectory;
    private boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDirectory) {
        this.cluster = cluster;
        this.baseDirectory = baseDirectory;
    }

    /**
     * Starts a broker in a fresh temp dir. The broker runs inside this JVM and its kit deletes the dir only in close()
     * (which TestInfra also calls from a shutdown hook), so a JVM killed with SIGKILL leaves the dir behind; being an
     * {@link OwnedTempDirs owned temp dir}, it is removed by the next start in any JVM.
     */
    public static EmbeddedKafka start() throws Exception {
        Path baseDirectory = OwnedTempDirs.create(BASE_DIR_PREFIX);
        try {
            return start(baseDirectory);
        } catch (Exception | Error e) {
            OwnedTempDirs.deleteQuietly(baseDirectory);
            throw e;
        }
    }

    /** Starts a broker in {@code baseDirectory}, which close() deletes. */
    public static EmbeddedKafka start(Path baseDirectory) throws Exception {
        return start(baseDirectory, true);
    }

    /**
     * A broker of its own for a test that stops and restarts it ({@link #stopBroker}, {@link #startBroker}): the
     * controller runs as a separate node, so the cluster's metadata quorum stays up while the broker is away.
     */
    public static EmbeddedKafka startStoppable(Path baseDirectory) throws Exception {
        return start(baseDirectory, false);
    }

    private static EmbeddedKafka start(Path baseDirectory, boolean combined) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(combined)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setBaseDirectory(baseDirectory)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        SINGLE_NODE_SETTINGS.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster, baseDirectory);
    }

    /** The broker's data dir, deleted by close(). */
    public Path baseDirectory() {
        return baseDirectory;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The underlying test kit, for tests that stop and restart the broker. */
    public KafkaClusterTestKit cluster() {
        return cluster;
    }

    /** Stops the broker (not the controller) and waits until it is down. */
    public void stopBroker() {
        BrokerServer broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts the broker stopped by {@link #stopBroker} again, on the same port and data. */
    public void startBroker() {
        cluster.brokers().values().iterator().next().startup();
    }

    /** Idempotent: the kit's own close() throws on a second call (platform-notes.md). */
    @Override
    public synchronized void close() throws Exception {
        if (!closed) {
            closed = true;
            cluster.close();
        }
    }
}
