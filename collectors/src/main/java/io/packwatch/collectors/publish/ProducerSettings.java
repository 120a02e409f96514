package io.packwatch.collectors.publish;

import io.packwatch.core.topics.RecordLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer defaults for the raw topics; every property from the config file is passed through on top, except that
 * the file may not weaken the idempotent producer (see {@link #unsafeOverrides}): the validator reports such a file
 * as invalid, and {@link #of} refuses it too.
 */
public final class ProducerSettings {
    /** The most in-flight requests per connection the idempotent producer keeps ordered without duplicates. */
    public static final int MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

    private ProducerSettings() { }

    public static Map<String, Object> of(Map<String, Object> fromConfig, String clientId) {
        List<String> unsafe = unsafeOverrides(fromConfig);
        if (!unsafe.isEmpty()) {
            throw new IllegalArgumentException("unsafe producer properties: " + String.join("; ", unsafe));
        }
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
        // Stated rather than left to the client default: envelopes are bounded below it (RecordLimits).
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.PRODUCER_MAX_REQUEST_BYTES);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.putAll(fromConfig);
        if (p.get(ProducerConfig.ACKS_CONFIG) instanceof Number n) {
            // YAML reads an unquoted `acks: -1` as a number; the Kafka client only takes the string.
            p.put(ProducerConfig.ACKS_CONFIG, n.toString());
        }
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * Overrides that would turn the idempotent producer off or make it lose or reorder records, as
     * {@code "property: problem"} (the validator prefixes {@code kafka.producer.}); empty if the properties are safe.
     * Values are read as the Kafka client reads them (strings trimmed, booleans case-insensitive); values are never
     * echoed, since the producer map may also hold SASL/SSL settings.
     */
    public static List<String> unsafeOverrides(Map<String, Object> fromConfig) {
        List<String> problems = new ArrayList<>();
        if (fromConfig.containsKey(ProducerConfig.ACKS_CONFIG)) {
            Object v = fromConfig.get(ProducerConfig.ACKS_CONFIG);
            String acks = v == null ? null : v.toString().trim();
            if (!"all".equals(acks) && !"-1".equals(acks)) {
                problems.add(ProducerConfig.ACKS_CONFIG + ": must be all (or -1); the raw topics need every in-sync"
                        + " replica's acknowledgement, so records are not lost when a broker fails");
            }
        }
        if (fromConfig.containsKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)) {
            Object v = fromConfig.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
            if (!Boolean.TRUE.equals(v) && !(v instanceof String s && s.trim().equalsIgnoreCase("true"))) {
                problems.add(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG + ": must be true; the collector re-sends until"
                        + " acknowledged and needs the idempotent producer to do so without duplicates or reordering");
            }
        }
        if (fromConfig.containsKey(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)) {
            Long n = wholeNumber(fromConfig.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
            if (n == null || n < 1 || n > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
                problems.add(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + ": must be a whole number from 1 to "
                        + MAX_IN_FLIGHT_FOR_IDEMPOTENCE + " (the most the idempotent producer keeps in order)");
            }
        }
        if (fromConfig.containsKey(ProducerConfig.RETRIES_CONFIG)) {
            Long n = wholeNumber(fromConfig.get(ProducerConfig.RETRIES_CONFIG));
            if (n == null || n < 1) {
                problems.add(ProducerConfig.RETRIES_CONFIG + ": must be a whole number of at least 1; the idempotent"
                        + " producer needs retries (leave it unset for the Kafka default; delivery.timeout.ms bounds them)");
            }
        }
        return problems;
    }

    private static Long wholeNumber(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
