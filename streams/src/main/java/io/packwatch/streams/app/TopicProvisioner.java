package io.packwatch.streams.app;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import io.packwatch.core.topics.TopicSpec;
import io.packwatch.core.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Packwatch topics that do not exist yet, with the partition count and the cleanup policy/retention of
 * their {@link TopicSpec} (docs/streams.md lists them). Existing topics are left as they are, but the raw topics must
 * share one partition count: interactive-query routing of the package store assumes it, so a mismatch is
 * reported at start.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final java.time.Duration METADATA_WAIT = java.time.Duration.ofSeconds(30);

    private TopicProvisioner() {
    }

    public static void ensureTopics(Map<String, Object> adminConfig, Topics topics, int partitions, short replication)
            throws InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?, ?> spec : topics.all()) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), Optional.of(partitions),
                            replication > 0 ? Optional.of(replication) : Optional.empty()).configs(spec.topicConfig()));
                }
            }
            if (!missing.isEmpty()) {
                List<String> created = new ArrayList<>();
                for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
                    try {
                        result.getValue().get();
                        created.add(result.getKey());
                    } catch (ExecutionException e) {
                        // another instance (or a tool) created it after our listing: it exists, which is all we need
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                    + e.getCause().getMessage(), e.getCause());
                        }
                    }
                }
                if (!created.isEmpty()) {
                    LOG.info("created topics {} ({} partitions)", created, partitions);
                }
            }
            checkRawPartitions(admin, topics);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list or describe topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void checkRawPartitions(Admin admin, Topics topics) throws ExecutionException, InterruptedException {
        // the state stage's inputs: a package's records (and its pool's verdicts) must reach the task that owns it
        List<String> raw = new ArrayList<>(topics.all().stream().map(TopicSpec::name).filter(n -> n.contains(".raw.")).toList());
        raw.add(topics.poolVerdicts().name());
        Map<String, TopicDescription> described = describeOnceVisible(admin, raw);
        Map<String, Integer> counts = described.values().stream()
                .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            LOG.error("raw topics and the pool-verdicts topic have different partition counts {}: a pool's verdict "
                    + "may reach a task that does not own the package, and GET /packages/{{key}} may route to the wrong "
                    + "instance; give them one partition count", counts);
        }
    }

    /**
     * A topic just created (by us or by another instance starting at the same time) can be unknown to the broker that
     * answers for a moment: metadata propagates after creation. Bounded wait, then the error stands.
     */
    private static Map<String, TopicDescription> describeOnceVisible(Admin admin, List<String> names)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
