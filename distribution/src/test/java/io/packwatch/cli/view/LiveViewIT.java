package io.packwatch.cli.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.serde.SpecificAvroSerializer;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PoolState;
import io.packwatch.schema.Severity;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live view against the real broker and registry: alerts of earlier runs stay on the topics but are not shown. */
@ExtendWith(KafkaAndRegistryExtension.class)
class LiveViewIT {

    @Test
    void showsOnlyTheAlertsOfThisRun() throws Exception {
        Map<String, String> serdeConfig = TestInfra.serdeConfig();
        Topics topics = Topics.create(KafkaTestClients.unique("pwview"), serdeConfig);
        KafkaTestClients.createTopics(2, topics.packageState().name(), topics.alertsDepletion().name(),
                topics.alertsExpiry().name());
        Instant runStart = Instant.now();
        SpecificAvroSerializer<PackageAlert> alerts = new SpecificAvroSerializer<>();
        alerts.configure(serdeConfig, false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(),
                new StringSerializer(), new ByteArraySerializer())) {
            send(producer, alerts, topics.alertsDepletion().name(), runStart.minus(Duration.ofMinutes(10)), "from an earlier run");
            send(producer, alerts, topics.alertsExpiry().name(), runStart.minus(Duration.ofMinutes(9)), "also from an earlier run");
            send(producer, alerts, topics.alertsDepletion().name(), runStart.plusMillis(1), "from this run");
            producer.flush();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (LiveView view = new LiveView(TestInfra.kafka().bootstrapServers(), topics, serdeConfig, out, false,
                Clock.systemUTC(), runStart)) {
            Thread thread = new Thread(view, "live-view-it");
            thread.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> view.alertsSeen() >= 1);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(),
                    new StringSerializer(), new ByteArraySerializer())) {
                send(producer, alerts, topics.alertsExpiry().name(), Instant.now(), "while the view runs");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> view.alertsSeen() >= 2);
            view.close();
            thread.join(10_000);
        }
        String shown = printed.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("from this run", "while the view runs").doesNotContain("earlier run");
    }

    @Test
    void drawsAPoolLineFromThePoolStateTopicAboveItsPackage() throws Exception {
        Map<String, String> serdeConfig = TestInfra.serdeConfig();
        Topics topics = Topics.create(KafkaTestClients.unique("pwviewpool"), serdeConfig);
        KafkaTestClients.createTopics(2, topics.packageState().name(), topics.poolState().name(),
                topics.alertsDepletion().name(), topics.alertsExpiry().name());
        PackageState member = PoolLinesTest.state("tp-aaaa0001", 500);
        PoolState pool = PoolLinesTest.pool(PoolLinesTest.member("tp-aaaa0001", 500)).build();
        SpecificAvroSerializer<PackageState> states = new SpecificAvroSerializer<>();
        states.configure(serdeConfig, false);
        SpecificAvroSerializer<PoolState> pools = new SpecificAvroSerializer<>();
        pools.configure(serdeConfig, false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaTestClients.producerProps(),
                new StringSerializer(), new ByteArraySerializer())) {
            String stateTopic = topics.packageState().name();
            String poolTopic = topics.poolState().name();
            producer.send(new ProducerRecord<>(stateTopic, member.getPackageKey(), states.serialize(stateTopic, member))).get();
            producer.send(new ProducerRecord<>(poolTopic, pool.getPoolKey(), pools.serialize(poolTopic, pool))).get();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (LiveView view = new LiveView(TestInfra.kafka().bootstrapServers(), topics, serdeConfig, out, true,
                Clock.systemUTC(), Instant.now())) {
            Thread thread = new Thread(view, "live-view-pool-it");
            thread.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> printed.toString(StandardCharsets.UTF_8)
                    .contains("pool " + pool.getPoolKey() + ": 1 package"));
            view.close();
            thread.join(10_000);
        }
        String lastFrame = printed.toString(StandardCharsets.UTF_8);
        lastFrame = lastFrame.substring(lastFrame.lastIndexOf("pool " + pool.getPoolKey()));
        assertThat(lastFrame).as("the package follows its pool line").contains("tp-aaaa0001");
    }

    private static void send(KafkaProducer<String, byte[]> producer, SpecificAvroSerializer<PackageAlert> serializer,
                             String topic, Instant at, String message) throws Exception {
        PackageAlert alert = PackageAlert.newBuilder(ViewRenderingTest.alert(AlertState.FIRING, Severity.WARNING))
                .setMessage(message).setDetectedAt(at).build();
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), alert.getAlertKey(),
                serializer.serialize(topic, alert))).get();
    }
}
