package io.packwatch.notifier.delivery;

import io.packwatch.notifier.app.NotifierSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The notifier's compacted topic of firing alerts (see {@link AlertDelivery}): created on start, read on assignment. */
final class StateTopic {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private StateTopic() {
    }

    static void ensureExists(NotifierSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        try (Admin admin = Admin.create(config)) {
            NewTopic topic = new NewTopic(settings.stateTopic(), Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0"));
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the notifier state topic '" + settings.stateTopic()
                        + "': " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the notifier state topic", e);
        }
    }

    /**
     * Reads the state topic to its end (read_committed, so only what was committed with offsets) and returns the firing
     * alerts whose source partition is in {@code owned}.
     */
    static Map<String, FiringAlert> readFiring(NotifierSettings settings, Collection<TopicPartition> owned) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, FiringAlert> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.stateTopic(), READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the notifier state topic '" + settings.stateTopic()
                            + "' to its end within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    Optional<FiringAlert> entry = FiringStateCodec.decode(record.key(), record.value());
                    if (entry.isPresent()) {
                        latest.put(record.key(), entry.get());
                    } else {
                        latest.remove(record.key());
                    }
                }
            }
        }
        latest.values().removeIf(f -> !owned.contains(new TopicPartition(f.sourceTopic(), f.sourcePartition())));
        return latest;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

}
