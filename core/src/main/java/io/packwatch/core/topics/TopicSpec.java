package io.packwatch.core.topics;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the Packwatch contract: its name, its serdes and the topic-level config it is created with.
 *
 * @param name        full topic name, prefix included
 * @param keySerde    serde of the record key
 * @param valueSerde  serde of the record value
 * @param topicConfig topic configs used when the topic is created (cleanup.policy, retention.ms ...)
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> topicConfig) {

    public TopicSpec {
        topicConfig = Map.copyOf(topicConfig);
    }

    public boolean compacted() {
        return topicConfig.getOrDefault("cleanup.policy", "delete").contains("compact");
    }
}
