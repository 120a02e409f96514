package io.packwatch.streams.app;

import io.packwatch.core.registry.SchemaRegistryException;
import io.packwatch.core.serde.SpecificAvroSerializer;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the snapshot schema under the subjects this app writes before the stream threads start. Apicurio answers
 * 409 "artifact already exists" when two clients create the same new subject at the same moment (two instances
 * starting together); here that is retried, whereas inside a stream thread it would fail the task and cost a
 * rebalance.
 */
final class SchemaWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaWarmup.class);
    private static final int ATTEMPTS = 5;

    private SchemaWarmup() {
    }

    /** @param topics the topics whose {@code <topic>-value} subject must hold the PackageSnapshot schema */
    static void registerSnapshotSchema(Map<String, ?> serdeConfig, List<String> topics) throws InterruptedException {
        PackageSnapshot sample = PackageSnapshot.newBuilder()
                .setPackageKey("warmup").setVendor(Vendor.UNKNOWN).setProduct(Product.UNKNOWN).setAccount("warmup")
                .setPackageId("warmup").setKind(PackageKind.UNKNOWN).setUnit(AmountUnit.UNKNOWN)
                .setCapacity(0L).setUsed(0L).setRemaining(0L).setStatus(PackageStatus.UNKNOWN)
                .setDeductPolicy(DeductPolicy.UNKNOWN).setObservedAt(Instant.EPOCH).setPollId("warmup")
                .build();
        for (String topic : topics) {
            for (int attempt = 1; ; attempt++) {
                SpecificAvroSerializer<PackageSnapshot> serializer = new SpecificAvroSerializer<>();
                serializer.configure(serdeConfig, false);
                try {
                    serializer.serialize(topic, sample);
                    break;
                } catch (SerializationException e) {
                    boolean race = e.getCause() instanceof SchemaRegistryException sre && sre.isIncompatible();
                    if (!race || attempt == ATTEMPTS) {
                        throw e;
                    }
                    LOG.info("registering the snapshot schema for {} raced another instance (attempt {}); retrying", topic, attempt);
                    Thread.sleep(200L * attempt);
                }
            }
        }
    }
}
