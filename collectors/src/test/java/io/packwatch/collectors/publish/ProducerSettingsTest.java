package io.packwatch.collectors.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void idempotentProducerDefaults() {
        Map<String, Object> p = ProducerSettings.of(Map.of("bootstrap.servers", "b:9092"), "packwatch-collector-tencent-vpc");
        assertThat(p).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "packwatch-collector-tencent-vpc")
                .containsEntry("bootstrap.servers", "b:9092")
                .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())
                .doesNotContainKeys(ProducerConfig.RETRIES_CONFIG, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
    }

    @Test
    void saslAndSslPropertiesPassThroughUnchanged() {
        Map<String, Object> security = Map.of(
                "bootstrap.servers", "b1:9093,b2:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"collector\" password=\"${file:/run/secrets/kafka.properties:password}\";",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "ssl.truststore.type", "PKCS12",
                "ssl.endpoint.identification.algorithm", "https",
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        Map<String, Object> p = ProducerSettings.of(security, "c");
        assertThat(p).containsAllEntriesOf(security);
    }

    @Test
    void safeOverridesAreKept() {
        Map<String, Object> p = ProducerSettings.of(Map.of("bootstrap.servers", "b:9092", "compression.type", "zstd",
                "linger.ms", 5, ProducerConfig.RETRIES_CONFIG, 10, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "TRUE"), "c");
        assertThat(p).containsEntry("compression.type", "zstd").containsEntry("linger.ms", 5)
                .containsEntry(ProducerConfig.RETRIES_CONFIG, 10)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "TRUE")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        // An unquoted YAML -1 is a number; the Kafka client only accepts the string.
        assertThat(ProducerSettings.of(Map.of("bootstrap.servers", "b:9092", "acks", -1), "c"))
                .containsEntry(ProducerConfig.ACKS_CONFIG, "-1");
    }

    @Test
    void serializersCannotBeOverridden() {
        Map<String, Object> p = ProducerSettings.of(Map.of("bootstrap.servers", "b:9092",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()), "c");
        assertThat(p).containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    }

    @Test
    void unsafeOverridesAreNamed() {
        assertThat(ProducerSettings.unsafeOverrides(Map.of("acks", "all", "enable.idempotence", true,
                "max.in.flight.requests.per.connection", 5, "retries", 1))).isEmpty();
        assertThat(ProducerSettings.unsafeOverrides(Map.of("acks", " -1 ", "enable.idempotence", "true",
                "max.in.flight.requests.per.connection", "1", "retries", "2147483647"))).isEmpty();
        for (Object acks : new Object[] {"1", "0", 1, 0, "ALL", "", "leader"}) {
            assertThat(ProducerSettings.unsafeOverrides(Map.of("acks", acks))).as("acks=%s", acks)
                    .singleElement().asString().startsWith("acks: must be all (or -1)");
        }
        for (Object idempotence : new Object[] {false, "false", "FALSE", "no", 0}) {
            assertThat(ProducerSettings.unsafeOverrides(Map.of("enable.idempotence", idempotence)))
                    .as("enable.idempotence=%s", idempotence)
                    .singleElement().asString().startsWith("enable.idempotence: must be true");
        }
        for (Object inFlight : new Object[] {6, "6", 100, 0, 5.0, "five"}) {
            assertThat(ProducerSettings.unsafeOverrides(Map.of("max.in.flight.requests.per.connection", inFlight)))
                    .as("max.in.flight.requests.per.connection=%s", inFlight)
                    .singleElement().asString().startsWith("max.in.flight.requests.per.connection: must be a whole number from 1 to 5");
        }
        for (Object retries : new Object[] {0, "0", -1, "none"}) {
            assertThat(ProducerSettings.unsafeOverrides(Map.of("retries", retries))).as("retries=%s", retries)
                    .singleElement().asString().startsWith("retries: must be a whole number of at least 1");
        }
    }

    @Test
    void ofRefusesUnsafeOverridesEvenWithoutTheValidator() {
        assertThatThrownBy(() -> ProducerSettings.of(Map.of("bootstrap.servers", "b:9092", "enable.idempotence", false), "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enable.idempotence: must be true");
    }
}
