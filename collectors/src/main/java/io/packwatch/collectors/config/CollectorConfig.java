package io.packwatch.collectors.config;

import io.packwatch.core.VendorApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A validated collector configuration with defaults applied and credentials resolved. */
public record CollectorConfig(
        VendorApi api,
        Duration pollInterval,
        Site site,
        String endpointOverride,
        Map<String, String> regionEndpoints,
        Duration connectTimeout,
        Duration readTimeout,
        double requestsPerSecond,
        int burst,
        RetrySettings retry,
        int concurrency,
        Duration shutdownTimeout,
        List<Account> accounts,
        String topic,
        int topicPartitions,
        boolean createTopic,
        Map<String, Object> producerProperties,
        Integer opsPort,
        String opsHost) {

    public enum Site { MAINLAND, INTL }

    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) { }

    /** regions is [""] for Tencent Live, which is polled once per account. */
    public record Account(String name, AccountCredentials credentials, List<String> regions) {
        @Override
        public String toString() {
            return "Account[" + name + ", regions=" + regions + "]";
        }
    }

    /** Baidu base URL for a region: per-region override, then the endpoint template, then the public host. */
    public String baiduBaseUrl(String region) {
        if (regionEndpoints.containsKey(region)) {
            return regionEndpoints.get(region);
        }
        if (endpointOverride != null) {
            return endpointOverride.replace("{region}", region);
        }
        return "https://eip." + region + ".baidubce.com";
    }
}
