package io.packwatch.cli.local;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.core.topics.Topics;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.ApicurioRegistry;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: broker, registry (a child process that dies with us), simulators, the four
 * collectors and the streams app. Everything started is closed in reverse order, whatever failed.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private String bootstrapServers;
    private String registryUrl;
    private StreamsApp streams;
    private LocalNotifications notifications;

    public static LocalStack start(LocalOptions options, PrintStream progress) throws Exception {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(options, progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(LocalOptions options, PrintStream progress) throws Exception {
        Path data = options.dataDir();
        if (options.fresh()) {
            DataDirs.wipe(data);
        }
        Files.createDirectories(data);

        if (options.bootstrapServers() == null) {
            progress.println("starting Kafka (KRaft, data in " + data.resolve("kafka") + ") ...");
            LocalKafka kafka = naming("--kafka-port N (the controller takes N+1)",
                    () -> LocalKafka.start(data, options.kafkaPort(), options.kafkaPort() + 1));
            started.push(kafka);
            bootstrapServers = kafka.bootstrapServers();
        } else {
            bootstrapServers = options.bootstrapServers();
        }
        endpoints.put("kafka", bootstrapServers);

        if (options.registryUrl() == null) {
            progress.println("starting the schema registry (Apicurio, Confluent-compatible API) ...");
            ApicurioRegistry registry = ApicurioRegistry.start();
            started.push(registry);
            registryUrl = registry.url();
        } else {
            registryUrl = options.registryUrl();
        }
        endpoints.put("schema registry", registryUrl);

        List<CollectorConfig> collectorConfigs = new ArrayList<>();
        ConfigLoader loader = new ConfigLoader();
        if (options.simulated()) {
            progress.println("starting the vendor simulators ...");
            Scenario scenario = options.scenario() == null ? Scenario.demo() : Scenario.load(options.scenario());
            SimulatedVendors vendors = SimulatedVendors.start(scenario, data);
            started.push(vendors);
            endpoints.put("simulated Tencent APIs", "http://" + vendors.server().tencentEndpoint());
            vendors.server().baiduEndpoints().forEach((region, url) -> endpoints.put("simulated Baidu EIP " + region, url));
            collectorConfigs.addAll(vendors.collectorConfigs(data.resolve("collectors"), bootstrapServers,
                    options.pollSeconds()));
        } else {
            for (Path file : options.collectorConfigs()) {
                String api = loader.parse(file).api();
                collectorConfigs.add(loader.load(file, VendorApi.find(api == null ? "" : api).orElseThrow(() ->
                        new IllegalArgumentException(file + ": api: must be one of " + String.join("|", VendorApi.ids())))));
            }
        }

        progress.println("starting the streams app ...");
        streams = naming("--http-port", () -> StreamsApp.start(StreamsSettings.fromMap(streamsSettings(options, data))));
        started.push(streams);
        endpoints.put("query API", "http://127.0.0.1:" + streams.httpPort() + "/packages");

        notifications = LocalNotifications.startIfInstalled(System.getenv("PATH"), data.resolve("alertmanager"),
                Topics.DEFAULT_PREFIX, bootstrapServers, registryUrl, "http://127.0.0.1:" + streams.httpPort(), progress)
                .orElse(null);
        if (notifications != null) {
            started.push(notifications);
            endpoints.put("alertmanager", notifications.alertmanagerUrl());
        }

        progress.println("starting " + collectorConfigs.size() + " collectors ...");
        CollectorHost collectors = new CollectorHost(collectorConfigs, 0, "127.0.0.1");
        started.push(collectors);
        collectors.startDaemons();
        endpoints.put("collector metrics", "http://127.0.0.1:" + collectors.opsPort() + "/metrics");
    }

    private interface Start<T> {
        T start() throws Exception;
    }

    /** A taken port is reported with the option that moves it. */
    private static <T> T naming(String option, Start<T> start) throws Exception {
        try {
            return start.start();
        } catch (BindException e) {
            BindException named = new BindException(e.getMessage() + "; choose another with " + option);
            named.initCause(e);
            throw named;
        }
    }

    private Map<String, String> streamsSettings(LocalOptions options, Path data) {
        Map<String, String> settings = streamsSettings(bootstrapServers, registryUrl, data.resolve("streams-state"),
                options.httpPort());
        if (options.simulated()) {
            settings.putAll(demoSettings(Duration.ofSeconds(options.pollSeconds())));
        }
        return settings;
    }

    /** The streams app of a local run: one instance on loopback, outputs visible within a second. */
    static Map<String, String> streamsSettings(String bootstrapServers, String registryUrl, Path stateDir, int httpPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("schema.registry.url", registryUrl);
        settings.put("application.id", "packwatch-local");
        settings.put("state.dir", stateDir.toString());
        // Short commit interval and no record cache: alerts show within a second or two instead of 30 s.
        settings.put("commit.interval.ms", "500");
        settings.put("statestore.cache.max.bytes", "0");
        settings.put(StreamsSettings.HTTP_PORT, String.valueOf(httpPort));
        settings.put(StreamsSettings.HTTP_HOST, "127.0.0.1");
        settings.put(StreamsSettings.ADVERTISED_HOST, "127.0.0.1");
        settings.put(StreamsSettings.TOPICS_PARTITIONS, "3");
        settings.put(StreamsSettings.TOPICS_REPLICATION, "1");
        return settings;
    }

    /** Simulated vendors compress weeks into minutes: forecast after a few samples, stale after 3 missed polls. */
    static Map<String, String> demoSettings(Duration poll) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("packwatch.alerts.stale.poll-interval", poll.toString());
        settings.put("packwatch.state.stale-check-interval", poll.toString());
        settings.put("packwatch.forecast.min-samples", "3");
        settings.put("packwatch.forecast.min-span", "PT20S");
        settings.put("packwatch.forecast.ewma-half-life", "PT1M");
        settings.put("packwatch.forecast.slope-window", "PT5M");
        settings.put("packwatch.forecast.slope-min-span", "PT1M");
        return settings;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** Each delivery to the local demo channel ("delivered to #ops-demo: ..."); none when Alertmanager is absent. */
    public void onDelivery(java.util.function.Consumer<String> listener) {
        if (notifications != null) {
            notifications.onDelivery(listener);
        }
    }

    public Map<String, String> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        closeAll(started);
    }

    /** Closes the most recently started first, each whatever the others threw. */
    static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
