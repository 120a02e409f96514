package io.packwatch.collectors.publish;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producer defaults for the raw topics; every property from the config file is passed through on top. */
public final class ProducerSettings {
    private ProducerSettings() { }

    public static Map<String, Object> of(Map<String, Object> fromConfig, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // A Baidu page is 1000 records: bigger batches mean fewer produce requests for the broker to handle.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        // Keep retrying inside the producer for a long time when the broker is away; the publisher re-sends
        // anything that still fails, so records are never dropped.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        // send() blocks at most this long for metadata; the publisher then retries the send itself.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.putAll(fromConfig);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
