package io.packwatch.core.topics;

import io.packwatch.core.VendorApi;
import io.packwatch.core.registry.SchemaRegistryConfig;
import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.schema.PoolState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serdes.StringSerde;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every topic of Packwatch, declared once with its serdes (confluentinc/kafka-streams-examples style).
 * Names are {@code <prefix>.raw.<api>}, {@code <prefix>.packages}, ... with the default prefix {@code packwatch}.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "packwatch";

    private static final Map<String, String> RAW = Map.of(
            "cleanup.policy", "delete", "retention.ms", String.valueOf(Duration.ofDays(7).toMillis()),
            "max.message.bytes", String.valueOf(RecordLimits.TOPIC_MAX_MESSAGE_BYTES));
    private static final Map<String, String> DELETE_30D = Map.of(
            "cleanup.policy", "delete", "retention.ms", String.valueOf(Duration.ofDays(30).toMillis()));
    private static final Map<String, String> DLQ = Map.of(
            "cleanup.policy", "delete", "retention.ms", String.valueOf(Duration.ofDays(30).toMillis()),
            "max.message.bytes", String.valueOf(RecordLimits.TOPIC_MAX_MESSAGE_BYTES));
    private static final Map<String, String> DELETE_7D = Map.of(
            "cleanup.policy", "delete", "retention.ms", String.valueOf(Duration.ofDays(7).toMillis()));
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

    private final String prefix;
    private final Map<VendorApi, TopicSpec<String, byte[]>> raw = new EnumMap<>(VendorApi.class);
    private final TopicSpec<String, PackageSnapshot> packages;
    private final TopicSpec<String, PackageState> packageState;
    private final TopicSpec<String, PoolMemberUpdate> poolMembers;
    private final TopicSpec<String, PoolMemberUpdate> poolVerdicts;
    private final TopicSpec<String, PoolState> poolState;
    private final TopicSpec<String, PackageAlert> alertsDepletion;
    private final TopicSpec<String, PackageAlert> alertsExpiry;
    private final TopicSpec<byte[], byte[]> dlq;

    private Topics(String prefix, Map<String, ?> serdeConfig) {
        if (prefix == null || prefix.isBlank() || prefix.endsWith(".")) {
            throw new IllegalArgumentException("topic prefix must be non-empty and must not end with '.': '" + prefix + "'");
        }
        this.prefix = prefix;
        for (VendorApi api : VendorApi.values()) {
            raw.put(api, new TopicSpec<>(prefix + ".raw." + api.id(), new StringSerde(), Serdes.ByteArray(), RAW));
        }
        packages = new TopicSpec<>(prefix + ".packages", new StringSerde(),
                avro(PackageSnapshot.class, serdeConfig), DELETE_30D);
        packageState = new TopicSpec<>(prefix + ".package-state", new StringSerde(),
                avro(PackageState.class, serdeConfig), COMPACTED);
        poolMembers = new TopicSpec<>(prefix + ".pool-members", new StringSerde(),
                avro(PoolMemberUpdate.class, serdeConfig), DELETE_7D);
        poolVerdicts = new TopicSpec<>(prefix + ".pool-verdicts", new StringSerde(),
                avro(PoolMemberUpdate.class, serdeConfig), DELETE_7D);
        poolState = new TopicSpec<>(prefix + ".pool-state", new StringSerde(),
                avro(PoolState.class, serdeConfig), COMPACTED);
        alertsDepletion = new TopicSpec<>(prefix + ".alerts.depletion", new StringSerde(),
                avro(PackageAlert.class, serdeConfig), DELETE_30D);
        alertsExpiry = new TopicSpec<>(prefix + ".alerts.expiry", new StringSerde(),
                avro(PackageAlert.class, serdeConfig), DELETE_30D);
        dlq = new TopicSpec<>(prefix + ".dlq", Serdes.ByteArray(), Serdes.ByteArray(), DLQ);
    }

    /**
     * @param prefix      topic name prefix, {@link #DEFAULT_PREFIX} by default
     * @param serdeConfig serde config for the Avro topics ({@code schema.registry.url}, auth, TLS ...)
     */
    public static Topics create(String prefix, Map<String, ?> serdeConfig) {
        return new Topics(prefix, serdeConfig);
    }

    public String prefix() {
        return prefix;
    }

    public TopicSpec<String, byte[]> raw(VendorApi api) {
        return raw.get(api);
    }

    public TopicSpec<String, PackageSnapshot> packages() {
        return packages;
    }

    public TopicSpec<String, PackageState> packageState() {
        return packageState;
    }

    /**
     * The streams app's own intermediate topic: each accepted snapshot of a pooled package, keyed by its pool key, so
     * that one task sees every member of a pool, with the package's alert signals that wait for the pool's verdict.
     * The Processor API has no repartition topics of its own, so it is declared (and provisioned) here with an explicit
     * name; kept 7 days like the raw topics.
     */
    public TopicSpec<String, PoolMemberUpdate> poolMembers() {
        return poolMembers;
    }

    /**
     * The way back from the pool stage: each {@link #poolMembers()} update that carried signals, with the pool's
     * verdict, keyed by package key. The state stage reads it in the task that owns the package, so it needs the
     * raw topics' partition count (the provisioner creates it so and checks it).
     */
    public TopicSpec<String, PoolMemberUpdate> poolVerdicts() {
        return poolVerdicts;
    }

    /** Per pool key, the pool's members in draw order and its overage projection (compacted). */
    public TopicSpec<String, PoolState> poolState() {
        return poolState;
    }

    public TopicSpec<String, PackageAlert> alertsDepletion() {
        return alertsDepletion;
    }

    public TopicSpec<String, PackageAlert> alertsExpiry() {
        return alertsExpiry;
    }

    public TopicSpec<byte[], byte[]> dlq() {
        return dlq;
    }

    /** Every topic, raw topics first, in pipeline order. */
    public List<TopicSpec<?, ?>> all() {
        List<TopicSpec<?, ?>> all = new ArrayList<>(raw.values());
        all.addAll(List.of(packages, packageState, poolMembers, poolVerdicts, poolState, alertsDepletion, alertsExpiry, dlq));
        return all;
    }

    private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, Map<String, ?> serdeConfig) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        // Producers of raw topics only have no registry; their Avro serdes stay unconfigured and say so if used.
        if (serdeConfig.containsKey(SchemaRegistryConfig.URL)) {
            serde.configure(serdeConfig, false);
        }
        return serde;
    }
}
