package io.packwatch.notifier.app;

import io.packwatch.core.registry.SchemaRegistryConfig;
import io.packwatch.core.topics.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of {@code ./packwatch notify}. YAML:
 * <pre>
 * kafka:                       # passed unchanged to the Kafka clients and the Avro deserializer
 *   bootstrap.servers: kafka:9092
 *   schema.registry.url: http://registry:8081
 * notifier:
 *   alertmanager-urls: [http://am-1:9093, http://am-2:9093]   # every URL gets every alert (HA pair)
 *   query-api-url: http://streams:8080
 *   runbook-url: https://wiki.example.com/packwatch/{alertname}
 *   resend-interval-seconds: 60     # firing alerts re-sent this often ...
 *   firing-ttl-seconds: 600         # ... with endsAt = now + this (at least 3 resends)
 * </pre>
 */
public record NotifierSettings(
        Map<String, String> kafka,
        String topicPrefix,
        String groupId,
        String stateTopic,
        List<URI> alertmanagerUrls,
        String queryApiUrl,
        String runbookUrl,
        Duration resendInterval,
        Duration firingTtl,
        Duration maxBackoff,
        Duration requestTimeout,
        int maxBatch,
        String opsHost,
        int opsPort) {

    public NotifierSettings {
        if (alertmanagerUrls.isEmpty()) {
            throw new IllegalArgumentException("notifier.alertmanager-urls: at least one Alertmanager URL is needed");
        }
        if (firingTtl.compareTo(resendInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("notifier.firing-ttl-seconds (" + firingTtl.toSeconds()
                    + ") must be at least 3 x notifier.resend-interval-seconds (" + resendInterval.toSeconds()
                    + "), or one late re-send resolves a firing alert in Alertmanager");
        }
        for (String key : List.of("bootstrap.servers", SchemaRegistryConfig.URL)) {
            if (kafka.getOrDefault(key, "").isBlank()) {
                throw new IllegalArgumentException("missing required setting 'kafka." + key + "'");
            }
        }
        kafka = Map.copyOf(kafka);
        alertmanagerUrls = List.copyOf(alertmanagerUrls);
    }

    public static NotifierSettings load(Path file, Map<String, String> env) {
        SettingsFile f = SettingsFile.read(file, "notifier", env);
        String prefix = f.string("topic-prefix", Topics.DEFAULT_PREFIX);
        List<URI> urls = new ArrayList<>();
        for (String url : f.list("alertmanager-urls")) {
            urls.add(f.httpUrl("alertmanager-urls", url));
        }
        return new NotifierSettings(
                f.kafka(),
                prefix,
                f.string("group-id", "packwatch-notifier"),
                f.string("state-topic", prefix + ".notifier.firing"),
                urls,
                f.string("query-api-url", "http://localhost:8080"),
                f.string("runbook-url", ""),
                Duration.ofSeconds(f.positiveInt("resend-interval-seconds", 60)),
                Duration.ofSeconds(f.positiveInt("firing-ttl-seconds", 600)),
                Duration.ofSeconds(f.positiveInt("max-backoff-seconds", 30)),
                Duration.ofSeconds(f.positiveInt("request-timeout-seconds", 10)),
                f.positiveInt("max-batch", 500),
                f.string("ops-host", "0.0.0.0"),
                f.port("ops-port", 9464));
    }
}
