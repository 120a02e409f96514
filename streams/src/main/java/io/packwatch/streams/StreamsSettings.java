package io.packwatch.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.packwatch.core.registry.SchemaRegistryConfig;
import io.packwatch.core.topics.RecordLimits;
import io.packwatch.core.topics.Topics;
import io.packwatch.streams.dlq.DlqDeserializationExceptionHandler;
import io.packwatch.streams.dlq.DlqProcessingExceptionHandler;
import io.packwatch.streams.dlq.DlqProductionExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the streams app: a YAML or .properties file, then environment overrides, then defaults.
 *
 * <p>Keys starting with {@code packwatch.} are Packwatch settings ({@link #raw()}); every other key is passed through
 * unchanged to Kafka Streams, its clients and the Avro serdes (bootstrap.servers, SASL/SSL, schema.registry.url ...).
 * In YAML, a top-level {@code kafka:} section is the pass-through part with the {@code kafka.} prefix dropped, and
 * nested maps are flattened with dots. Environment: {@code PACKWATCH_KAFKA_SASL_JAAS_CONFIG} sets
 * {@code sasl.jaas.config}; {@code PACKWATCH_HTTP_PORT} sets {@code packwatch.http.port}.
 */
public final class StreamsSettings {
    public static final String TOPIC_PREFIX = "packwatch.topic.prefix";
    public static final String HTTP_PORT = "packwatch.http.port";
    public static final String HTTP_HOST = "packwatch.http.host";
    public static final String ADVERTISED_HOST = "packwatch.http.advertised.host";
    public static final String TOPICS_CREATE = "packwatch.topics.create";
    public static final String TOPICS_PARTITIONS = "packwatch.topics.partitions";
    public static final String TOPICS_REPLICATION = "packwatch.topics.replication.factor";

    private static final String ENV_PREFIX = "PACKWATCH_";
    private static final String ENV_KAFKA_PREFIX = "PACKWATCH_KAFKA_";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|jaas|user\\.info|token|credentials).*");

    private final Map<String, String> given;
    private final Map<String, String> packwatch;
    private final Map<String, String> kafka;
    private final Topics topics;

    private StreamsSettings(Map<String, String> all) {
        this.given = Map.copyOf(all);
        Map<String, String> p = new TreeMap<>();
        Map<String, String> k = new TreeMap<>();
        all.forEach((key, value) -> (key.startsWith("packwatch.") ? p : k).put(key, value));
        p.putIfAbsent(TOPIC_PREFIX, Topics.DEFAULT_PREFIX);
        p.putIfAbsent(HTTP_PORT, "8080");
        p.putIfAbsent(HTTP_HOST, "0.0.0.0");
        p.putIfAbsent(ADVERTISED_HOST, "localhost");
        p.putIfAbsent(TOPICS_CREATE, "true");
        p.putIfAbsent(TOPICS_PARTITIONS, "6");
        p.putIfAbsent(TOPICS_REPLICATION, "-1");
        this.packwatch = Map.copyOf(p);
        require(k, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        require(k, SchemaRegistryConfig.URL);
        int port = intValue(HTTP_PORT);
        intValue(TOPICS_PARTITIONS);
        intValue(TOPICS_REPLICATION);
        this.topics = Topics.create(packwatch.get(TOPIC_PREFIX), k);
        k.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "packwatch-streams");
        k.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        k.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, packwatch.get(ADVERTISED_HOST) + ":" + port);
        k.putIfAbsent(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // A task holds one partition of each of the four raw topics, which are independent (no join needs their
        // timestamps aligned), so a task never waits for an empty one. With the Kafka default (0) every record also
        // pays for formatting a "waiting for new data" message whenever a vendor's partition is empty: about 15 % of
        // the stream thread in the benchmark (docs/benchmarks.md).
        k.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        if (!k.containsKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            // stated, not left to the client default: dead letters are sized against it (RecordLimits)
            k.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                    String.valueOf(RecordLimits.PRODUCER_MAX_REQUEST_BYTES));
        }
        k.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq().name());
        k.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqDeserializationExceptionHandler.class.getName());
        k.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProductionExceptionHandler.class.getName());
        k.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProcessingExceptionHandler.class.getName());
        k.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        this.kafka = Map.copyOf(k);
    }

    /** Settings from a plain map (tests): same defaults and checks as a file. */
    public static StreamsSettings fromMap(Map<String, String> values) {
        return new StreamsSettings(new LinkedHashMap<>(values));
    }

    /** Settings from {@code file} (YAML if it ends in .yaml/.yml, else .properties) overridden by {@code env}. */
    public static StreamsSettings load(Path file, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            values.putAll(name.endsWith(".yaml") || name.endsWith(".yml") ? readYaml(file) : readProperties(file));
        }
        values.putAll(fromEnv(env));
        return new StreamsSettings(values);
    }

    static Map<String, String> fromEnv(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_KAFKA_PREFIX)) {
                out.put(envKey(name.substring(ENV_KAFKA_PREFIX.length())), value);
            } else if (name.startsWith(ENV_PREFIX)) {
                out.put("packwatch." + envKey(name.substring(ENV_PREFIX.length())), value);
            }
        });
        return out;
    }

    private static String envKey(String suffix) {
        return suffix.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).trim()));
        return out;
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            // a key written twice is an error, not its last value
            root = new ObjectMapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must hold a YAML mapping at the top");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            flatten(e.getKey().equals("kafka") ? "" : e.getKey(), e.getValue(), out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(v -> joined.append(joined.length() == 0 ? "" : ",").append(v.asText()));
            out.put(prefix, joined.toString());
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    private static void require(Map<String, String> kafka, String key) {
        String v = kafka.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing required setting '" + key + "' (config file key, or env "
                    + ENV_KAFKA_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_') + ")");
        }
    }

    private int intValue(String key) {
        String v = packwatch.get(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    /** Every {@code packwatch.*} setting, defaults included, for the parts that read their own keys. */
    public Map<String, String> raw() {
        return packwatch;
    }

    /** The Kafka Streams/client/serde properties (everything that is not {@code packwatch.*}), defaults included. */
    public Map<String, String> kafka() {
        return kafka;
    }

    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(kafka);
        return p;
    }

    /** What the Avro serdes are configured with: the pass-through properties (schema.registry.url, auth, TLS). */
    public Map<String, String> serdeConfig() {
        return kafka;
    }

    public Topics topics() {
        return topics;
    }

    public String applicationId() {
        return kafka.get(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public int httpPort() {
        return intValue(HTTP_PORT);
    }

    public String httpHost() {
        return packwatch.get(HTTP_HOST);
    }

    public boolean createTopics() {
        return Boolean.parseBoolean(packwatch.get(TOPICS_CREATE));
    }

    public int topicPartitions() {
        return intValue(TOPICS_PARTITIONS);
    }

    public short topicReplicationFactor() {
        return (short) intValue(TOPICS_REPLICATION);
    }

    /** Every setting with secret-looking values masked, for the start-up log. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        packwatch.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? "[hidden]" : v));
        kafka.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? "[hidden]"
                : k.equals(SchemaRegistryConfig.URL) ? SchemaRegistryConfig.redact(v) : v));
        return out;
    }

    /** A copy with some settings replaced (tests, a second instance on another port). */
    public StreamsSettings with(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(given);
        all.putAll(overrides);
        return new StreamsSettings(all);
    }

    @Override
    public String toString() {
        return "StreamsSettings" + describe();
    }
}
