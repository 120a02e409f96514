package io.packwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The production-shaped stack (docker-compose.yml, demo profile with the simulators) comes up and an alert arrives.
 * Needs a Docker engine; without one JUnit skips it ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackSystemIT {

    @Container
    static final ComposeContainer STACK = new ComposeContainer(new File("../docker-compose.yml"))
            .withOptions("--profile demo")
            .withBuild(true)
            .withExposedService("kafka-1", 29092, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("schema-registry-1", 8081, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));

    @Test
    void anAlertArrives() {
        String bootstrap = STACK.getServiceHost("kafka-1", 29092) + ":" + STACK.getServicePort("kafka-1", 29092);
        List<byte[]> alerts = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                "group.id", "compose-it", "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("packwatch.alerts.depletion", "packwatch.alerts.expiry"));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (alerts.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofSeconds(1)).forEach(r -> alerts.add(r.value()));
            }
        }
        assertThat(alerts).isNotEmpty();
    }
}
