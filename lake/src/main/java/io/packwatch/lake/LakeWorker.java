package io.packwatch.lake;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker (Kafka's own runtime, standalone mode) in this JVM, running the three Iceberg sink connectors.
 * The sink's plugins load from {@link LakeSettings#pluginPath()} in Connect's isolated class loaders, exactly as on a
 * stand-alone worker, so Iceberg and Hadoop never join the application class path.
 *
 * <p>Standalone mode is enough here: sink connectors keep their progress in Kafka (the Iceberg sink commits the
 * consumer offsets together with the table commit through its control topic), not in the worker's offsets file.
 */
public final class LakeWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LakeWorker.class);

    /**
     * An idle sink task is only called (put) once per offset-flush interval, and the Iceberg sink answers a commit
     * request only from put: with Connect's 60 s default an idle task misses the 30 s commit timeout and its table is
     * not committed. The flush itself is free here (the Iceberg sink commits offsets through its control topic).
     */
    static final String IDLE_PUT_INTERVAL_MS = "1000";

    private final LakeSettings settings;
    private final Connect<StandaloneHerder> connect;
    private final Map<String, Map<String, String>> connectors;

    private LakeWorker(LakeSettings settings, Connect<StandaloneHerder> connect, Map<String, Map<String, String>> connectors) {
        this.settings = settings;
        this.connect = connect;
        this.connectors = connectors;
    }

    /** Starts the worker and submits the three connectors; {@code extraWorkerProps} override the worker config. */
    public static LakeWorker start(LakeSettings settings, Map<String, String> extraWorkerProps) throws Exception {
        if (!Files.isDirectory(settings.pluginPath())) {
            throw new IllegalStateException("Connect plugin path " + settings.pluginPath() + " does not exist: build it "
                    + "with ./mvnw -pl lake -am package (the lake module writes lake/target/plugins)");
        }
        Files.createDirectories(settings.workDir());
        createControlTopic(settings, extraWorkerProps);
        Map<String, Map<String, String>> connectors = ConnectorConfigs.resolved(settings);
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(workerProps(settings, extraWorkerProps));
        LakeWorker worker = new LakeWorker(settings, connect, connectors);
        try {
            for (var connector : connectors.entrySet()) {
                FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
                connect.herder().putConnectorConfig(connector.getKey(), connector.getValue(), true, created);
                created.get(60, TimeUnit.SECONDS);
                LOG.info("connector {} submitted: topics {} -> table {}", connector.getKey(),
                        connector.getValue().get("topics"), connector.getValue().get("iceberg.tables"));
            }
        } catch (Exception e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    static Map<String, String> workerProps(LakeSettings settings, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", settings.bootstrapServers());
        props.put("plugin.path", settings.pluginPath().toAbsolutePath().toString());
        props.put("offset.storage.file.filename", settings.workDir().resolve("connect.offsets").toString());
        props.put("listeners", "http://127.0.0.1:" + settings.restPort());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        // the streams app writes in transactions: aborted records must never reach the tables
        props.put("consumer.isolation.level", "read_committed");
        props.put("offset.flush.interval.ms", IDLE_PUT_INTERVAL_MS);
        // every plugin of the bundle has a ServiceLoader manifest: no scanning of its classes at start
        props.put("plugin.discovery", "service_load");
        props.putAll(extra);
        return props;
    }

    private static void createControlTopic(LakeSettings settings, Map<String, String> extraWorkerProps)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> adminProps = new HashMap<>();
        extraWorkerProps.forEach((key, value) -> {
            if (key.startsWith("admin.")) {
                adminProps.put(key.substring("admin.".length()), value);
            }
        });
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(settings.controlTopic())) {
                admin.createTopics(List.of(new NewTopic(settings.controlTopic(), 1, settings.replicationFactor())))
                        .all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Connector name to its status (connector state and every task's state). */
    public Map<String, ConnectorStateInfo> status() {
        Map<String, ConnectorStateInfo> status = new HashMap<>();
        for (String name : connectors.keySet()) {
            status.put(name, connect.herder().connectorStatus(name));
        }
        return status;
    }

    /** Waits until every connector and task is RUNNING; fails early, naming it, if one FAILED. */
    public void awaitRunning(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean allRunning = true;
            for (String name : connectors.keySet()) {
                ConnectorStateInfo info;
                try {
                    info = connect.herder().connectorStatus(name);
                } catch (RuntimeException notYet) {
                    allRunning = false;
                    continue;
                }
                if ("FAILED".equals(info.connector().state())) {
                    throw new IllegalStateException("connector " + name + " failed: " + info.connector().trace());
                }
                for (ConnectorStateInfo.TaskState task : info.tasks()) {
                    if ("FAILED".equals(task.state())) {
                        throw new IllegalStateException("task " + task.id() + " of " + name + " failed: " + task.trace());
                    }
                }
                allRunning &= "RUNNING".equals(info.connector().state()) && !info.tasks().isEmpty()
                        && info.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
            }
            if (allRunning) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("connectors not running after " + timeout + ": " + status());
            }
            Thread.sleep(200);
        }
    }

    public Map<String, Map<String, String>> connectors() {
        return connectors;
    }

    /** The REST API of the worker (Connect's usual endpoints: /connectors, /connectors/NAME/status ...). */
    public String restUrl() {
        return connect.rest().advertisedUrl().toString();
    }

    public LakeSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        connect.stop();
    }
}
