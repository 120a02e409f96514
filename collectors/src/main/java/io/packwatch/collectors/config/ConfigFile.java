package io.packwatch.collectors.config;

import java.util.List;
import java.util.Map;

/**
 * The collector YAML file exactly as written (nullable fields; defaults and checks live in {@link ConfigValidator}).
 * The format is documented in docs/collectors.md; examples are in src/main/resources/examples/.
 */
public record ConfigFile(
        String api,
        Double pollIntervalSeconds,
        String site,
        String endpoint,
        Map<String, String> regionEndpoints,
        Timeouts timeouts,
        Pacing pacing,
        Retry retry,
        Integer concurrency,
        Double shutdownTimeoutSeconds,
        List<Account> accounts,
        Kafka kafka,
        Ops ops) {

    public record Timeouts(Integer connectSeconds, Integer readSeconds) { }

    public record Pacing(Double requestsPerSecond, Integer burst) { }

    public record Retry(Integer maxAttempts, Long initialBackoffMillis, Long maxBackoffMillis) { }

    public record Account(String name, Credentials credentials, List<String> regions) { }

    /** Where the secrets are: environment-variable names or file paths, never the secrets themselves. */
    public record Credentials(String idEnv, String idFile, String keyEnv, String keyFile, String tokenEnv, String tokenFile) { }

    public record Kafka(String topic, String topicPrefix, Integer topicPartitions, Boolean createTopic, Map<String, Object> producer) { }

    public record Ops(Integer port, String host) { }
}
