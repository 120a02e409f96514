package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.serde.SpecificAvroSerializer;
import io.packwatch.core.topics.Topics;
import io.packwatch.notifier.alertmanager.AlertmanagerChild;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.Product;
import io.packwatch.schema.Severity;
import io.packwatch.schema.Vendor;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery chain {@code ./packwatch local} starts when Alertmanager is installed: an alert record on the topic
 * reaches the demo channel through the in-process notifier, a real Alertmanager child process and the chat bridge,
 * FIRING and then RESOLVED, once each; closing stops Alertmanager.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class LocalNotificationsIT {
    @TempDir
    Path dir;

    @Test
    void anAlertRecordIsDeliveredToTheDemoChannelFiringThenResolved() throws Exception {
        Assumptions.assumeTrue(AlertmanagerChild.locate(System.getenv("PATH")).isPresent(),
                "prometheus-alertmanager is not on the PATH: apt-get install prometheus-alertmanager (.ci/run does)");
        String prefix = KafkaTestClients.unique("ln");
        Topics topics = Topics.create(prefix, Map.of());
        KafkaTestClients.createTopics(1, topics.alertsDepletion().name(), topics.alertsExpiry().name());
        List<String> delivered = new CopyOnWriteArrayList<>();
        String alertmanagerUrl;
        Instant firedAt = Instant.now().minusSeconds(60);

        try (LocalNotifications notifications = LocalNotifications.startIfInstalled(System.getenv("PATH"), dir,
                prefix, TestInfra.kafka().bootstrapServers(), TestInfra.registry().url(), "http://127.0.0.1:8080",
                new PrintStream(OutputStream.nullOutputStream())).orElseThrow();
             KafkaProducer<String, PackageAlert> producer = producer()) {
            notifications.onDelivery(delivered::add);
            alertmanagerUrl = notifications.alertmanagerUrl();

            send(producer, topics, alert(AlertState.FIRING, firedAt));
            await().atMost(Duration.ofSeconds(60)).until(() -> !delivered.isEmpty());
            send(producer, topics, alert(AlertState.RESOLVED, firedAt.plusSeconds(30)));
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() >= 2);

            assertThat(delivered).hasSize(2);
            // state and severity said once each: the message's head (FIRING WARNING USAGE_THRESHOLD 90% ...) is not repeated
            assertThat(delivered.get(0)).isEqualTo("delivered to #ops-demo: \uD83D\uDD34 [FIRING 1] USAGE_THRESHOLD · "
                    + "warning crossed 90%, 91.0% used, 9.0 GiB left of 100.0 GiB");
            assertThat(delivered.get(1)).isEqualTo("delivered to #ops-demo: \u2705 [RESOLVED 1] USAGE_THRESHOLD · "
                    + "warning back below 88%, 85.0% used, 15.0 GiB left of 100.0 GiB");
        }
        Assertions.assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding()), "Alertmanager stops with the local stack");
    }

    private static KafkaProducer<String, PackageAlert> producer() {
        SpecificAvroSerializer<PackageAlert> serializer = new SpecificAvroSerializer<>();
        serializer.configure(TestInfra.serdeConfig(), false);
        Map<String, Object> props = new HashMap<>();
        KafkaTestClients.producerProps().forEach((k, v) -> props.put(k.toString(), v));
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    private static void send(KafkaProducer<String, PackageAlert> producer, Topics topics, PackageAlert alert)
            throws Exception {
        producer.send(new ProducerRecord<>(topics.alertsDepletion().name(), alert.getAlertKey(), alert)).get();
    }

    private static PackageAlert alert(AlertState state, Instant observedAt) {
        String key = "tencent-vpc/prod/ap-guangzhou/pkg-local";
        return PackageAlert.newBuilder().setAlertKey(key + "#USAGE_THRESHOLD#90")
                .setEventId("pkg-local-" + state + "-" + observedAt.toEpochMilli())
                .setType(AlertType.USAGE_THRESHOLD).setBand("90").setSeverity(Severity.WARNING).setState(state)
                .setPackageKey(key).setVendor(Vendor.TENCENT).setProduct(Product.VPC).setAccount("prod")
                .setRegion("ap-guangzhou").setPackageId("pkg-local").setPackageName("shared traffic pkg-local")
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(100L << 30).setUsed(91L << 30).setRemaining(9L << 30).setPercentUsed(91.0)
                .setRatePerHour((double) (2L << 30)).setProjectedDepletionAt(observedAt.plusSeconds(16_200))
                .setExpiresAt(Instant.parse("2027-01-01T00:00:00Z"))
                .setMessage(state + " WARNING USAGE_THRESHOLD 90% " + key + " (shared traffic pkg-local): "
                        + (state == AlertState.FIRING ? "crossed 90%, 91.0% used, 9.0 GiB left of 100.0 GiB"
                        : "back below 88%, 85.0% used, 15.0 GiB left of 100.0 GiB"))
                .setObservedAt(observedAt).setDetectedAt(observedAt).build();
    }
}
