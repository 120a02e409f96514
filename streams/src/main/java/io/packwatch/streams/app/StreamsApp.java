package io.packwatch.streams.app;

import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.streams.dlq.DeadLetterCount;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.packwatch.streams.PackwatchTopology;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.http.HttpApi;
import io.packwatch.streams.http.OperationsResource;
import io.packwatch.streams.http.QueryApi;
import io.packwatch.streams.http.Router;
import io.packwatch.streams.state.StoreQueries;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running streams application: topics, topology, Kafka Streams client, HTTP API and metrics, and their orderly
 * shutdown. {@link StreamsCommand} wraps it for the command line; tests start it directly.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final StreamsSettings settings;
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpApi http;
    private HealthMonitor health;
    private final Router router = new Router();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private StreamsApp(StreamsSettings settings, StreamsUncaughtExceptionHandler uncaughtHandler)
            throws IOException, InterruptedException {
        this.settings = settings;
        LOG.info("settings: {}", settings.describe());
        if (settings.createTopics()) {
            Map<String, Object> admin = new HashMap<>(settings.kafka());
            TopicProvisioner.ensureTopics(admin, settings.topics(), settings.topicPartitions(), settings.topicReplicationFactor());
        }
        SchemaWarmup.register(settings.serdeConfig(), SchemaWarmup.subjects(settings.topics()),
                RegistryStartup.from(settings.raw()));
        // Bind the port before creating the Kafka Streams client: a taken port fails the start early.
        http = new HttpApi(settings.httpHost(), settings.httpPort(), router);
        try {
            Topology topology = PackwatchTopology.build(settings);
            LOG.info("topology:\n{}", topology.describe());
            streams = new KafkaStreams(topology, settings.streamsProperties());
            ThreadReplacements replacements = new ThreadReplacements(uncaughtHandler, Clock.systemUTC());
            streams.setUncaughtExceptionHandler(replacements);
            streams.setStateListener((now, before) -> {
                LOG.info("streams state {} -> {}", before, now);
                if (now == KafkaStreams.State.ERROR) {
                    failed = true;
                }
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    stopped.countDown();
                }
            });
            streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(metrics);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmGcMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);

            health = new HealthMonitor(streams, Admin.create(adminConfig(settings)),
                    SchemaRegistryClients.fromConfig(settings.serdeConfig()), replacements,
                    DeadLetterCount.of(settings.applicationId()), settings.raw(), Clock.systemUTC());
            health.bindTo(metrics);
            new OperationsResource(streams, metrics, health::report).register(router);
            QueryApi.register(router, new StoreQueries(streams, settings.topics().poolState()),
                    HostInfo.buildFromEndpoint(settings.kafka().get(StreamsConfig.APPLICATION_SERVER_CONFIG)));
        } catch (RuntimeException e) {
            http.close();
            if (health != null) {
                health.close();
            }
            throw e;
        }
    }

    /** The admin-client part of the settings (bootstrap, SASL/SSL), for the health monitor's broker probe. */
    private static Map<String, Object> adminConfig(StreamsSettings settings) {
        Map<String, Object> admin = new HashMap<>();
        settings.kafka().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-health");
        return admin;
    }

    /** Creates topics if configured, builds the topology, starts the HTTP API and the Kafka Streams client. */
    public static StreamsApp start(StreamsSettings settings) throws IOException, InterruptedException {
        return start(settings, UncaughtExceptionPolicy.defaults());
    }

    /** Test seam: {@link #start(StreamsSettings)} with the given handler instead of {@link UncaughtExceptionPolicy#defaults()}. */
    static StreamsApp start(StreamsSettings settings, StreamsUncaughtExceptionHandler uncaughtHandler)
            throws IOException, InterruptedException {
        StreamsApp app = new StreamsApp(settings, uncaughtHandler);
        app.http.start();
        app.streams.start();
        app.health.start();
        return app;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    public StreamsSettings settings() {
        return settings;
    }

    /** Blocks until the client stops; true when it stopped because of a fatal error. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return failed;
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops serving, closes the client (committing, leaving the group) within {@code timeout}, releases metrics. */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        health.close();
        boolean clean = streams.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!clean) {
            LOG.warn("streams did not close within {}", timeout);
        }
        streamsMetrics.close();
        metrics.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
