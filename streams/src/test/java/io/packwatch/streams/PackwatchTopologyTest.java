package io.packwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

class PackwatchTopologyTest {

    @Test
    void everyNodeAndStoreIsExplicitlyNamedAndNamingIsEnforced() {
        StreamsSettings settings = StreamsSettings.fromMap(Map.of("bootstrap.servers", "x:9092",
                "schema.registry.url", "mock://topology-test"));
        assertThat(settings.kafka()).containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");

        Topology topology = PackwatchTopology.build(settings);
        String described = topology.describe().toString();

        assertThat(described).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(described).contains("packwatch-raw-source", "packwatch-normalize", "packwatch-package-tracking",
                "packwatch-packages-sink", "packwatch-dlq-sink",
                "packwatch.raw.tencent-vpc", "packwatch.raw.tencent-lighthouse", "packwatch.raw.tencent-live",
                "packwatch.raw.baidu-eip", "packwatch.packages", "packwatch.dlq",
                "packwatch-pool-members-sink", "packwatch-pool-members-source", "packwatch-pools", "packwatch-pool-store",
                "packwatch-pool-state-sink", "packwatch-pool-states", "packwatch.pool-members", "packwatch.pool-state",
                "packwatch-pool-verdicts-sink", "packwatch-pool-verdicts-source", "packwatch-pool-verdicts",
                "packwatch.pool-verdicts");
    }

    @Test
    void withPoolsSwitchedOffTheTopologyHasNoPoolStage() {
        StreamsSettings settings = StreamsSettings.fromMap(Map.of("bootstrap.servers", "x:9092",
                "schema.registry.url", "mock://topology-test", "packwatch.pools.enabled", "false"));
        String described = PackwatchTopology.build(settings).describe().toString();
        assertThat(described).contains("packwatch-state-and-alerts").doesNotContain("pool");
    }
}
