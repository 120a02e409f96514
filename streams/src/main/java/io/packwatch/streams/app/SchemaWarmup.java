package io.packwatch.streams.app;

import io.packwatch.core.registry.SchemaRegistryClient;
import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.core.registry.SchemaRegistryConfig;
import io.packwatch.core.registry.SchemaRegistryException;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.schema.PoolState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the value schemas of every Avro topic the app writes before the stream threads start.
 * Apicurio answers 409 "artifact already exists" when two clients create the same new subject at the same moment
 * (two instances starting together); here that is retried, whereas inside a stream thread it fails the task and costs
 * a thread replacement and a rebalance. Skipped when {@code auto.register.schemas=false} (schemas managed outside).
 */
final class SchemaWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaWarmup.class);
    private static final int ATTEMPTS = 5;

    private SchemaWarmup() {
    }

    /**
     * Subject → schema for the Avro topics of the Packwatch topology. No store changelog has a subject of its own: the
     * package store's records carry the state in the package-state topic's encoding.
     */
    static Map<String, Schema> subjects(Topics topics) {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        subjects.put(topics.packages().name() + "-value", PackageSnapshot.getClassSchema());
        subjects.put(topics.packageState().name() + "-value", PackageState.getClassSchema());
        subjects.put(topics.poolMembers().name() + "-value", PoolMemberUpdate.getClassSchema());
        subjects.put(topics.poolVerdicts().name() + "-value", PoolMemberUpdate.getClassSchema());
        subjects.put(topics.poolState().name() + "-value", PoolState.getClassSchema());
        subjects.put(topics.alertsDepletion().name() + "-value", PackageAlert.getClassSchema());
        subjects.put(topics.alertsExpiry().name() + "-value", PackageAlert.getClassSchema());
        return subjects;
    }

    /**
     * Registers {@code subjects}, waiting for the registry as {@code startup} says; with auto-registration off, only
     * waits until the registry answers (the stream threads need it for every record).
     */
    static void register(Map<String, ?> serdeConfig, Map<String, Schema> subjects, RegistryStartup startup)
            throws InterruptedException {
        SchemaRegistryClient registry = SchemaRegistryClients.fromConfig(serdeConfig);
        Object auto = serdeConfig.get(SchemaRegistryConfig.AUTO_REGISTER);
        if (auto != null && !Boolean.parseBoolean(auto.toString())) {
            startup.await("list subjects", registry::subjects);
            return;
        }
        for (Map.Entry<String, Schema> e : subjects.entrySet()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    startup.await("register " + e.getKey(), () -> registry.register(e.getKey(), e.getValue()));
                    break;
                } catch (SchemaRegistryException ex) {
                    if (!ex.isIncompatible() || attempt == ATTEMPTS) {
                        throw ex;
                    }
                    LOG.info("registering {} raced another instance (attempt {}); retrying", e.getKey(), attempt);
                    Thread.sleep(200L * attempt);
                }
            }
        }
    }
}
