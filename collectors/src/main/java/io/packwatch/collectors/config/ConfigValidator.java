package io.packwatch.collectors.config;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.publish.ProducerSettings;
import io.packwatch.core.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Checks every key, applies defaults and resolves credentials; reports all problems at once. */
final class ConfigValidator {

    private final CredentialResolver credentials;

    ConfigValidator(Function<String, String> env) {
        this.credentials = new CredentialResolver(env);
    }

    CollectorConfig validate(ConfigFile f, VendorApi api) {
        List<String> problems = new ArrayList<>();
        if (f.api() != null && !f.api().equals(api.id())) {
            problems.add("api: the file is for '" + f.api() + "' but the collector is " + api.id());
        }
        double poll = orDefault(f.pollIntervalSeconds(), 60.0);
        positive("pollIntervalSeconds", poll, problems);

        CollectorConfig.Site site = CollectorConfig.Site.MAINLAND;
        if (f.site() != null) {
            switch (f.site().toLowerCase(Locale.ROOT)) {
                case "mainland" -> site = CollectorConfig.Site.MAINLAND;
                case "intl" -> site = CollectorConfig.Site.INTL;
                default -> problems.add("site: must be mainland or intl");
            }
        }
        if (f.endpoint() != null) {
            checkEndpoint(f.endpoint(), api, problems);
        }
        Map<String, String> regionEndpoints = f.regionEndpoints() == null ? Map.of() : Map.copyOf(f.regionEndpoints());
        if (!regionEndpoints.isEmpty() && api != VendorApi.BAIDU_EIP) {
            problems.add("regionEndpoints: only baidu-eip uses per-region endpoints; use endpoint for Tencent APIs");
        }
        regionEndpoints.forEach((region, url) -> checkUrl("regionEndpoints." + region, url, problems));

        ConfigFile.Timeouts t = f.timeouts() == null ? new ConfigFile.Timeouts(null, null) : f.timeouts();
        int connect = orDefault(t.connectSeconds(), 5);
        int read = orDefault(t.readSeconds(), 10);
        atLeast("timeouts.connectSeconds", connect, 1, problems);
        atLeast("timeouts.readSeconds", read, 1, problems);

        double rps = f.pacing() == null || f.pacing().requestsPerSecond() == null
                ? api.defaultPacingPerSecond() : f.pacing().requestsPerSecond();
        positive("pacing.requestsPerSecond", rps, problems);
        if (api.documentedLimitPerSecond() > 0 && rps > api.documentedLimitPerSecond()) {
            problems.add("pacing.requestsPerSecond: " + rps + " exceeds the documented limit of "
                    + api.documentedLimitPerSecond() + " requests/s for " + api.id());
        }

        int burst = f.pacing() == null || f.pacing().burst() == null
                ? io.packwatch.collectors.pacing.TokenBucket.defaultBurst(rps, api.documentedLimitPerSecond())
                : f.pacing().burst();
        if (burst < 1) {
            problems.add("pacing.burst: must be at least 1");
        } else if (api.documentedLimitPerSecond() > 0 && rps + burst > api.documentedLimitPerSecond() + 1) {
            problems.add("pacing.burst: requestsPerSecond + burst must stay within the documented limit of "
                    + api.documentedLimitPerSecond() + " requests/s");
        }

        ConfigFile.Retry r = f.retry() == null ? new ConfigFile.Retry(null, null, null) : f.retry();
        int attempts = orDefault(r.maxAttempts(), 4);
        long initial = orDefault(r.initialBackoffMillis(), 500L);
        long max = orDefault(r.maxBackoffMillis(), 8000L);
        if (attempts < 1 || attempts > 20) {
            problems.add("retry.maxAttempts: must be between 1 and 20");
        }
        atLeast("retry.initialBackoffMillis", initial, 1, problems);
        if (max < initial) {
            problems.add("retry.maxBackoffMillis: must not be below retry.initialBackoffMillis");
        }

        int concurrency = orDefault(f.concurrency(), 4);
        if (concurrency < 1 || concurrency > 64) {
            problems.add("concurrency: must be between 1 and 64");
        }
        double shutdown = orDefault(f.shutdownTimeoutSeconds(), 20.0);
        positive("shutdownTimeoutSeconds", shutdown, problems);

        List<CollectorConfig.Account> accounts = accounts(f.accounts(), api, problems);

        ConfigFile.Kafka k = f.kafka();
        String topic = null;
        int partitions = 6;
        boolean createTopic = true;
        Map<String, Object> producer = new LinkedHashMap<>();
        if (k == null) {
            problems.add("kafka: missing (at least kafka.producer.bootstrap.servers)");
        } else {
            String prefix = k.topicPrefix() == null ? Topics.DEFAULT_PREFIX : k.topicPrefix();
            if (k.topic() != null) {
                topic = k.topic();
            } else if (prefix.isBlank() || prefix.endsWith(".")) {
                problems.add("kafka.topicPrefix: must be non-empty and must not end with '.' (topics are <prefix>.raw.<api>)");
            } else {
                // The lead's topic registry owns the naming scheme: <prefix>.raw.<api>.
                topic = Topics.create(prefix, Map.of()).raw(VendorApi.fromId(api.id())).name();
            }
            if (topic != null && topic.isBlank()) {
                problems.add("kafka.topic: must not be empty");
            }
            partitions = orDefault(k.topicPartitions(), 6);
            createTopic = orDefault(k.createTopic(), true);
            atLeast("kafka.topicPartitions", partitions, 1, problems);
            if (k.producer() != null) {
                producer.putAll(k.producer());
            }
            Object bootstrap = producer.get("bootstrap.servers");
            if (bootstrap == null || bootstrap.toString().isBlank()) {
                problems.add("kafka.producer.bootstrap.servers: missing");
            }
            // The raw topics need the idempotent producer (acks=all, idempotence on): a file may not weaken it.
            ProducerSettings.unsafeOverrides(producer).forEach(p -> problems.add("kafka.producer." + p));
        }

        Integer opsPort = null;
        String opsHost = "0.0.0.0";
        if (f.ops() != null) {
            opsPort = f.ops().port();
            if (opsPort != null && (opsPort < 0 || opsPort > 65535)) {
                problems.add("ops.port: must be between 0 and 65535 (0 picks a free port)");
            }
            if (f.ops().host() != null) {
                opsHost = f.ops().host();
            }
        }

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CollectorConfig(api, millis(poll * 1000), site, f.endpoint(), regionEndpoints,
                Duration.ofSeconds(connect), Duration.ofSeconds(read), rps, burst,
                new CollectorConfig.RetrySettings(attempts, Duration.ofMillis(initial), Duration.ofMillis(max)),
                concurrency, millis(shutdown * 1000), accounts, topic, partitions, createTopic, Map.copyOf(producer), opsPort, opsHost);
    }

    private List<CollectorConfig.Account> accounts(List<ConfigFile.Account> in, VendorApi api, List<String> problems) {
        List<CollectorConfig.Account> out = new ArrayList<>();
        if (in == null || in.isEmpty()) {
            problems.add("accounts: at least one account is required");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            String key = "accounts[" + i + "]";
            ConfigFile.Account a = in.get(i);
            if (a == null) {
                problems.add(key + ": empty entry");
                continue;
            }
            if (a.name() == null || a.name().isBlank()) {
                problems.add(key + ".name: missing");
            } else if (a.name().contains("/")) {
                problems.add(key + ".name: must not contain '/' (it is part of the record key)");
            } else if (!names.add(a.name())) {
                problems.add(key + ".name: duplicate account name '" + a.name() + "'");
            }
            AccountCredentials creds = credentials.resolve(a.credentials(), key + ".credentials", problems);
            List<String> regions = a.regions() == null ? List.of() : a.regions();
            if (api.regional()) {
                if (regions.isEmpty()) {
                    problems.add(key + ".regions: at least one region is required for " + api.id());
                }
                Set<String> seen = new HashSet<>();
                for (int j = 0; j < regions.size(); j++) {
                    String region = regions.get(j);
                    if (region == null || region.isBlank() || region.contains("/")) {
                        problems.add(key + ".regions[" + j + "]: must be a region name without '/'");
                    } else if (!seen.add(region)) {
                        problems.add(key + ".regions[" + j + "]: duplicate region '" + region + "'");
                    }
                }
            } else if (!regions.isEmpty()) {
                problems.add(key + ".regions: " + api.id() + " has no regions; remove the key");
            }
            out.add(new CollectorConfig.Account(a.name(), creds, api.regional() ? List.copyOf(regions) : List.of("")));
        }
        return out;
    }

    private static void checkEndpoint(String endpoint, VendorApi api, List<String> problems) {
        if (api.isTencent()) {
            String hostPort = endpoint.replaceFirst("^https?://", "");
            if (hostPort.isBlank() || hostPort.contains("/")) {
                problems.add("endpoint: expected host[:port] optionally prefixed by http:// or https://");
            }
        } else {
            checkUrl("endpoint", endpoint.replace("{region}", "region"), problems);
        }
    }

    private static void checkUrl(String key, String url, List<String> problems) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                problems.add(key + ": expected an http:// or https:// base URL");
            }
        } catch (IllegalArgumentException e) {
            problems.add(key + ": not a valid URL");
        }
    }

    private static Duration millis(double ms) {
        return Duration.ofMillis(Math.round(ms));
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static void positive(String key, double value, List<String> problems) {
        if (!(value > 0)) {
            problems.add(key + ": must be greater than 0");
        }
    }

    private static void atLeast(String key, long value, long min, List<String> problems) {
        if (value < min) {
            problems.add(key + ": must be at least " + min);
        }
    }
}
