package io.packwatch.notifier;

import io.packwatch.core.serde.SpecificAvroSerializer;
import io.packwatch.core.topics.Topics;
import io.packwatch.notifier.app.NotifierSettings;
import io.packwatch.notifier.app.NotifyCommand.Notifier;
import io.packwatch.schema.PackageAlert;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Alert topics of their own (unique prefix) on the test broker, a producer writing alerts to them in the Confluent wire
 * format through the test registry, and a notifier reading them: what the notifier ITs share.
 */
public final class NotifierFixture implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final String prefix = KafkaTestClients.unique("nt");
    public final String group = prefix + "-notifier";
    private final KafkaProducer<String, PackageAlert> producer;
    private Notifier notifier;

    public NotifierFixture() {
        Topics topics = Topics.create(prefix, Map.of());
        KafkaTestClients.createTopics(2, topics.alertsDepletion().name(), topics.alertsExpiry().name());
        SpecificAvroSerializer<PackageAlert> serializer = new SpecificAvroSerializer<>();
        serializer.configure(TestInfra.serdeConfig(), false);
        Map<String, Object> props = new HashMap<>();
        KafkaTestClients.producerProps().forEach((k, v) -> props.put(k.toString(), v));
        producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    /** Re-sends every second with a 30 s TTL, so restarts show within a test's patience. */
    public NotifierSettings settings(List<String> alertmanagers) {
        Map<String, String> kafka = new HashMap<>(TestInfra.serdeConfig());
        kafka.put("bootstrap.servers", TestInfra.kafka().bootstrapServers());
        return new NotifierSettings(kafka, prefix, group, prefix + ".notifier.firing",
                alertmanagers.stream().map(URI::create).toList(), "http://streams.example:8080",
                "https://runbooks.example/{alertname}?package={package_id}", Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2), 500, "127.0.0.1", 0);
    }

    public Notifier startNotifier(String... alertmanagers) throws Exception {
        return startNotifier(settings(List.of(alertmanagers)));
    }

    public Notifier startNotifier(NotifierSettings settings) throws Exception {
        notifier = Notifier.start(settings);
        return notifier;
    }

    public void stopNotifier() {
        if (notifier != null) {
            notifier.close();
            notifier = null;
        }
    }

    public Notifier notifier() {
        return notifier;
    }

    public void publish(PackageAlert alert) throws Exception {
        producer.send(new ProducerRecord<>(prefix + ".alerts.depletion", alert.getAlertKey(), alert)).get();
    }

    /** Sends without waiting for the broker's answer (benchmarks); {@link #flush()} waits for all. */
    public void publishAsync(PackageAlert alert) {
        producer.send(new ProducerRecord<>(prefix + ".alerts.depletion", alert.getAlertKey(), alert));
    }

    public void flush() {
        producer.flush();
    }

    /** The value of one sample line of /metrics, e.g. {@code name{tag="v"}}. */
    public String metric(String sample) throws Exception {
        return get("/metrics").body().lines().filter(l -> l.startsWith(sample + " ")).map(l -> l.substring(sample.length() + 1))
                .findFirst().orElseThrow(() -> new IllegalStateException("no metric " + sample));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notifier.opsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Alerts Alertmanager accepted so far, re-sends included (from /metrics). */
    public long acceptedTotal() throws Exception {
        return get("/metrics").body().lines().filter(l -> l.startsWith("packwatch_notifier_alerts_accepted_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** True when the group's committed offsets are at the end of both alert topics. */
    public boolean committedEqualsEnd() throws Exception {
        try (Admin admin = KafkaTestClients.admin()) {
            Map<TopicPartition, Long> ends = KafkaTestClients.endOffsets(admin,
                    List.of(prefix + ".alerts.depletion", prefix + ".alerts.expiry"));
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, o) -> committed.put(tp, o == null ? 0L : o.offset()));
            return ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L).equals(e.getValue()));
        }
    }

    @Override
    public void close() {
        stopNotifier();
        producer.close();
    }
}
