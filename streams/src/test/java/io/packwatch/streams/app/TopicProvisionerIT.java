package io.packwatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.topics.TopicSpec;
import io.packwatch.core.topics.Topics;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TopicProvisioner} on the real broker: every topic of {@link Topics} is created with the configured partition
 * count and the cleanup policy / retention of the README "Topics and contracts" table (expected values written out here,
 * not read from {@code Topics}, so a change to either side shows); existing topics are left unaltered.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class TopicProvisionerIT {
    private static final String DAYS_7 = String.valueOf(Duration.ofDays(7).toMillis());   // 604800000
    private static final String DAYS_30 = String.valueOf(Duration.ofDays(30).toMillis()); // 2592000000

    /** README "Topics and contracts": suffix after the prefix → cleanup policy, retention.ms (null: not set, compact). */
    private static final Map<String, String[]> DOCUMENTED = Map.ofEntries(
            Map.entry(".raw.tencent-vpc", new String[] {"delete", DAYS_7}),
            Map.entry(".raw.tencent-lighthouse", new String[] {"delete", DAYS_7}),
            Map.entry(".raw.tencent-live", new String[] {"delete", DAYS_7}),
            Map.entry(".raw.baidu-eip", new String[] {"delete", DAYS_7}),
            Map.entry(".raw.tencent-cdn", new String[] {"delete", DAYS_7}),
            Map.entry(".packages", new String[] {"delete", DAYS_30}),
            Map.entry(".package-state", new String[] {"compact", null}),
            Map.entry(".pool-members", new String[] {"delete", DAYS_7}),
            Map.entry(".pool-verdicts", new String[] {"delete", DAYS_7}),
            Map.entry(".pool-state", new String[] {"compact", null}),
            Map.entry(".alerts.depletion", new String[] {"delete", DAYS_30}),
            Map.entry(".alerts.expiry", new String[] {"delete", DAYS_30}),
            Map.entry(".dlq", new String[] {"delete", DAYS_30}));

    private static Map<String, Object> adminConfig() {
        return Map.of("bootstrap.servers", TestInfra.kafka().bootstrapServers());
    }

    private static List<String> names(Topics topics) {
        return topics.all().stream().map(TopicSpec::name).toList();
    }

    private static Map<String, Config> configs(Admin admin, Collection<String> names) throws Exception {
        Map<ConfigResource, Config> all = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
        return all.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    }

    @Test
    void createsEveryTopicWithThePartitionsCleanupAndRetentionOfTheReadme() throws Exception {
        String prefix = KafkaTestClients.unique("pwtp");
        Topics topics = Topics.create(prefix, Map.of());
        assertThat(names(topics)).as("Topics.all() is the README table")
                .containsExactlyInAnyOrderElementsOf(DOCUMENTED.keySet().stream().map(s -> prefix + s).toList());

        TopicProvisioner.ensureTopics(adminConfig(), topics, 3, (short) -1);

        try (Admin admin = KafkaTestClients.admin()) {
            List<String> names = names(topics);
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            Map<String, Config> configs = configs(admin, names);
            for (Map.Entry<String, String[]> doc : DOCUMENTED.entrySet()) {
                String name = prefix + doc.getKey();
                assertThat(described.get(name).partitions()).as(name + " partitions").hasSize(3);
                Config config = configs.get(name);
                assertThat(config.get("cleanup.policy").value()).as(name + " cleanup.policy").isEqualTo(doc.getValue()[0]);
                ConfigEntry retention = config.get("retention.ms");
                if (doc.getValue()[1] != null) {
                    assertThat(retention.source()).as(name + " retention.ms set on the topic")
                            .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                    assertThat(retention.value()).as(name + " retention.ms").isEqualTo(doc.getValue()[1]);
                } else {
                    assertThat(retention.source()).as(name + " retention.ms not set on the topic (README: compact only)")
                            .isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                }
            }
        }
    }

    @Test
    void leavesExistingTopicsUnalteredAndCreatesOnlyTheMissingOnes() throws Exception {
        String prefix = KafkaTestClients.unique("pwtp");
        Topics topics = Topics.create(prefix, Map.of());
        String packages = prefix + ".packages";
        String rawVpc = prefix + ".raw.tencent-vpc";
        Map<String, String> foreign = Map.of("cleanup.policy", "compact", "retention.ms", "3600000");
        try (Admin admin = KafkaTestClients.admin()) {
            admin.createTopics(List.of(
                    new NewTopic(packages, Optional.of(1), Optional.empty()).configs(foreign),
                    new NewTopic(rawVpc, Optional.of(2), Optional.empty()).configs(foreign))).all().get();
            // the broker's metadata lags the controller: wait until the two topics are visible as existing
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(admin.describeTopics(List.of(packages, rawVpc)).allTopicNames().get()).hasSize(2));
        }

        // raw partition counts now differ (2 vs 5): logged as an error, not a failure; a second run changes nothing
        TopicProvisioner.ensureTopics(adminConfig(), topics, 5, (short) -1);
        TopicProvisioner.ensureTopics(adminConfig(), topics, 5, (short) -1);

        try (Admin admin = KafkaTestClients.admin()) {
            List<String> names = names(topics);
            Map<String, Integer> partitions = admin.describeTopics(names).allTopicNames().get().values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
            Map<String, Config> configs = configs(admin, names);
            Function<String, String> cleanup = n -> configs.get(n).get("cleanup.policy").value();
            Function<String, String> retention = n -> configs.get(n).get("retention.ms").value();
            for (String existing : List.of(packages, rawVpc)) {
                assertThat(cleanup.apply(existing)).as(existing + " cleanup.policy").isEqualTo("compact");
                assertThat(retention.apply(existing)).as(existing + " retention.ms").isEqualTo("3600000");
            }
            assertThat(partitions.get(packages)).as(packages).isEqualTo(1);
            assertThat(partitions.get(rawVpc)).as(rawVpc).isEqualTo(2);
            names.stream().filter(n -> !n.equals(packages) && !n.equals(rawVpc))
                    .forEach(n -> assertThat(partitions.get(n)).as(n + " created").isEqualTo(5));
            assertThat(cleanup.apply(prefix + ".raw.baidu-eip")).isEqualTo("delete");
            assertThat(retention.apply(prefix + ".raw.baidu-eip")).isEqualTo(DAYS_7);
            assertThat(cleanup.apply(prefix + ".dlq")).isEqualTo("delete");
            assertThat(retention.apply(prefix + ".dlq")).isEqualTo(DAYS_30);
        }
    }
}
