package io.packwatch.streams.app;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.AppItSettings;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.testsupport.ApicurioRegistry;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The app started before its registry waits for it, then comes up and writes registry-encoded snapshots. */
@ExtendWith(KafkaAndRegistryExtension.class)
class RegistryLateIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path stateDir;

    @Test
    void theAppStartedBeforeTheRegistryComesUpOnceTheRegistryDoes() throws Exception {
        int registryPort = AppItSettings.freePort();
        String registryUrl = "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
        String prefix = KafkaTestClients.unique("pwlate");
        StreamsSettings settings = AppItSettings.of(TestInfra.kafka().bootstrapServers(), registryUrl, prefix,
                KafkaTestClients.unique("pwlate-app"), stateDir, Map.of(RegistryStartup.MAX_BACKOFF, "PT1S"));
        CompletableFuture<StreamsApp> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return StreamsApp.start(settings);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        StreamsApp app = null;
        try (ApicurioRegistry late = startRegistryWhileTheAppWaits(starting, registryPort)) {
            app = starting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(prefix + ".raw.baidu-eip", "baidu-eip/acct/bj/tp-late",
                        bytes(pkg("baidu-eip", "acct", "bj", "poll-1", Instant.parse("2024-07-16T10:46:08Z"), json(
                                "{\"id\":\"tp-late\",\"deductPolicy\":\"FullTimeDurationPackage\",\"status\":\"RUNNING\","
                                        + "\"capacity\":\"1000\",\"usedCapacity\":10,\"expireTime\":\"2099-01-01T00:00:00Z\"}"))))).get();
            }
            SpecificAvroSerde<PackageSnapshot> serde = new SpecificAvroSerde<>(PackageSnapshot.class);
            serde.configure(Map.of("schema.registry.url", late.url()), false);
            List<ConsumerRecord<String, PackageSnapshot>> snapshots = KafkaTestClients.drain(List.of(prefix + ".packages"),
                    new StringDeserializer(), serde.deserializer(), 1, WAIT);
            assertThat(snapshots).extracting(r -> r.value().getPackageId()).containsExactly("tp-late");
        } finally {
            if (app != null) {
                app.close(Duration.ofSeconds(20));
            }
        }
    }

    /** Starts the registry once the app is waiting for it; the app must still be waiting when it is up. */
    private static ApicurioRegistry startRegistryWhileTheAppWaits(CompletableFuture<StreamsApp> starting, int port)
            throws IOException, InterruptedException {
        assertThat(starting).as("the app waits for the registry").isNotDone();
        ApicurioRegistry registry = ApicurioRegistry.start(port);
        assertThat(starting.isCompletedExceptionally()).as("the app gave up while the registry started").isFalse();
        return registry;
    }
}
