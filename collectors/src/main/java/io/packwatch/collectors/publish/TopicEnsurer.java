package io.packwatch.collectors.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the raw topic when it is missing (brokers often disable auto-creation), with the configured partitions
 * the raw-topic settings of the core topic registry (delete, 7 days) and the broker's default replication factor. Best effort: if the broker is away the publisher keeps retrying.
 */
public final class TopicEnsurer {
    private static final Logger LOG = LoggerFactory.getLogger(TopicEnsurer.class);

    private TopicEnsurer() { }

    public static void ensure(Map<String, Object> producerProperties, String topic, int partitions, Map<String, String> topicConfig) {
        Map<String, Object> admin = new HashMap<>();
        // Only what an admin client understands (bootstrap, SASL/SSL, ...), so it logs no "unknown config" noise.
        producerProperties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin client = Admin.create(admin)) {
            if (client.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            client.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(topicConfig))).all()
                    .get(10, TimeUnit.SECONDS);
            LOG.info("event=topic-created topic={} partitions={}", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("event=topic-check-failed topic={} reason=\"{}\"", topic, String.valueOf(e.getCause()));
            }
        } catch (TimeoutException e) {
            LOG.warn("event=topic-check-failed topic={} reason=timeout", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("event=topic-check-failed topic={} reason=\"{}\"", topic, e.toString());
        }
    }
}
