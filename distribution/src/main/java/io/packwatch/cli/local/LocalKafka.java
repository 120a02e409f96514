package io.packwatch.cli.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoter;
import org.apache.kafka.raft.DynamicVoters;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker + controller in one process) for {@code ./packwatch local}, running inside
 * the Packwatch JVM so that Ctrl-C cannot leave it behind. Its log directory is kept between runs: it is formatted
 * once (the Java equivalent of {@code kafka-storage format --standalone}) and reused afterwards with the same ports.
 */
public final class LocalKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int brokerPort;

    private LocalKafka(KafkaRaftServer server, int brokerPort) {
        this.server = server;
        this.brokerPort = brokerPort;
    }

    public static LocalKafka start(Path dataDir, int brokerPort, int controllerPort) throws Exception {
        Path logDir = dataDir.resolve("kafka");
        Properties props = config(logDir, brokerPort, controllerPort);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir, controllerPort);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            if (!causedBy(e, BindException.class)) {
                throw e;
            }
            BindException taken = new BindException(takenPortOf(brokerPort, controllerPort));
            taken.initCause(e);
            throw taken;
        }
        return new LocalKafka(server, brokerPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Which port the server could not bind: Kafka's exception says it only in its text, so ask the ports themselves. */
    private static String takenPortOf(int brokerPort, int controllerPort) {
        for (int port : new int[] {brokerPort, controllerPort}) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                // free (now)
            } catch (IOException taken) {
                return "port " + port + " (Kafka " + (port == brokerPort ? "broker" : "controller") + ") is already in use";
            }
        }
        return "port " + brokerPort + " or " + controllerPort + " (Kafka broker, controller) was in use";
    }

    private static void format(Path logDir, int controllerPort) throws Exception {
        Files.createDirectories(logDir);
        DynamicVoter voter = new DynamicVoter(Uuid.randomUuid(), 1, "127.0.0.1", controllerPort);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setUnstableFeatureVersionsEnabled(false)
                .setHasDynamicQuorum(true)
                .setInitialControllers(new DynamicVoters(List.of(voter)))
                .run();
    }

    private static Properties config(Path logDir, int brokerPort, int controllerPort) throws IOException {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic with replication factor 1, else consumers and exactly-once hang.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "false");
        props.put("log.retention.hours", "168");
        return props;
    }
}
