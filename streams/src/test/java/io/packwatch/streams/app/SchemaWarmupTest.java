package io.packwatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.registry.SchemaRegistryClients;
import io.packwatch.core.topics.Topics;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchemaWarmupTest {
    private static final RegistryStartup STARTUP = RegistryStartup.from(Map.of());

    @Test
    void registersEveryAvroSubjectTheAppWrites() throws Exception {
        Map<String, String> config = Map.of("schema.registry.url", "mock://warmup-" + UUID.randomUUID());
        SchemaWarmup.register(config, SchemaWarmup.subjects(Topics.create("acme", config)), STARTUP);
        assertThat(SchemaRegistryClients.fromConfig(config).subjects()).containsExactlyInAnyOrder(
                "acme.packages-value", "acme.package-state-value", "acme.pool-members-value", "acme.pool-verdicts-value",
                "acme.pool-state-value",
                "acme.alerts.depletion-value", "acme.alerts.expiry-value");
    }

    @Test
    void leavesTheRegistryAloneWhenAutoRegistrationIsOff() throws Exception {
        Map<String, String> config = Map.of("schema.registry.url", "mock://warmup-" + UUID.randomUUID(),
                "auto.register.schemas", "false");
        SchemaWarmup.register(config, SchemaWarmup.subjects(Topics.create("acme", config)), STARTUP);
        assertThat(SchemaRegistryClients.fromConfig(config).subjects()).isEmpty();
    }
}
