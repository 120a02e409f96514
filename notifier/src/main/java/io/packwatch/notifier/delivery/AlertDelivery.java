package io.packwatch.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.packwatch.core.registry.SchemaRegistryException;
import io.packwatch.core.serde.SpecificAvroDeserializer;
import io.packwatch.core.topics.Topics;
import io.packwatch.notifier.alertmanager.AlertMapping;
import io.packwatch.notifier.alertmanager.AlertmanagerClient;
import io.packwatch.notifier.alertmanager.AmAlert;
import io.packwatch.notifier.app.NotifierSettings;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's one thread: consumes both alert topics in one consumer group and keeps every configured Alertmanager
 * in step with what fires in Packwatch.
 *
 * <ul>
 *   <li><b>At-least-once.</b> Offsets are committed only when every Alertmanager accepted everything consumed so far.
 *   While one is down, consumption goes on (the others get every alert at once) and its queue collapses to the latest
 *   form of each alert; commits wait until it caught up. A restart re-delivers from the last commit: duplicates are
 *   harmless, Alertmanager identifies an alert by its label set.</li>
 *   <li><b>Firing stays firing.</b> Firing alerts are re-sent every {@code resend-interval} with {@code endsAt} =
 *   now + {@code firing-ttl}, so Alertmanager never times them out, and a restarted Alertmanager (which keeps no
 *   alerts on disk) has them back within one interval.</li>
 *   <li><b>Across notifier restarts.</b> The set of firing alerts is kept in a compacted state topic (key = alert key,
 *   tombstone on resolve) written in the same Kafka transaction as the consumer offsets, so it always matches the
 *   committed position: on start (and on every partition assignment) the notifier reads it to the end and re-sends the
 *   firing alerts of its partitions, once the records after the committed position are applied ({@link ReplayGate}).
 *   The alert topics themselves are not replayed for this: they have 30-day delete retention, so a package that fires
 *   for longer would have lost its opening event, and replaying them grows with history while the state topic holds
 *   one record per firing alert.</li>
 * </ul>
 */
public final class AlertDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(2);
    private static final Duration REPLAY_LIMIT = Duration.ofSeconds(30);

    private final NotifierSettings settings;
    private final AlertMapping mapping;
    private final Outbox outbox;
    private final List<String> alertTopics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final SpecificAvroDeserializer<PackageAlert> alerts = new SpecificAvroDeserializer<>(PackageAlert.class);
    private final Map<String, FiringAlert> firing = new HashMap<>();
    /** State-topic changes since the last commit: a firing alert, or empty for a tombstone. */
    private final Map<String, Optional<FiringAlert>> uncommitted = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Counter consumed;
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile Instant lastCommit;
    private volatile int firingCount;
    private Instant nextResend = Instant.EPOCH;
    private Instant registryRetryAt = Instant.EPOCH;
    private Thread thread;

    public AlertDelivery(NotifierSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
        this.mapping = new AlertMapping(settings.queryApiUrl(), settings.runbookUrl());
        List<AlertmanagerTarget> targets = new ArrayList<>();
        for (var url : settings.alertmanagerUrls()) {
            targets.add(new AlertmanagerTarget(new AlertmanagerClient(url, settings.requestTimeout()),
                    settings.firingTtl(), settings.maxBackoff(), settings.maxBatch(), meters));
        }
        this.outbox = new Outbox(targets, new ReplayGate(Clock.systemUTC(), REPLAY_LIMIT, meters));
        Topics topics = Topics.create(settings.topicPrefix(), Map.of());
        this.alertTopics = List.of(topics.alertsDepletion().name(), topics.alertsExpiry().name());
        alerts.configure(settings.kafka(), false);

        Map<String, Object> consumerConfig = new HashMap<>(settings.kafka());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());

        Map<String, Object> producerConfig = new HashMap<>(settings.kafka());
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId() + "-" + UUID.randomUUID());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());

        this.consumed = Counter.builder("packwatch.notifier.records.consumed")
                .description("Alert records read from the alert topics").register(meters);
        Gauge.builder("packwatch.notifier.firing", this, d -> d.firingCount)
                .description("Alerts firing in the partitions this instance owns").register(meters);
    }

    public void start() {
        StateTopic.ensureExists(settings);
        producer.initTransactions();
        thread = new Thread(this::run, "packwatch-notifier");
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(alertTopics, new Rebalance());
            while (running) {
                Instant now = Instant.now();
                boolean registryPaused = now.isBefore(registryRetryAt);
                ConsumerRecords<String, byte[]> records;
                if (registryPaused) {
                    consumer.pause(consumer.assignment());
                    records = consumer.poll(POLL);
                    consumer.resume(consumer.assignment());
                } else {
                    records = consumer.poll(POLL);
                }
                for (TopicPartition tp : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                        if (!handle(record)) {
                            consumer.seek(tp, record.offset());
                            break;
                        }
                    }
                }
                now = Instant.now();
                if (!now.isBefore(nextResend)) {
                    resendFiring();
                    nextResend = now.plus(settings.resendInterval());
                }
                if (outbox.deliver(now, this::position)) {
                    commitIfAdvanced();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("closing the consumer: {}", e.toString());
            }
            producer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void fail(RuntimeException e) {
        failed = true;
        problems.put("delivery", "stopped after a fatal error: " + e);
        LOG.error("event=notifier-failed", e);
    }

    /** Applies one alert record; false when the registry cannot be reached and the record must be read again. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            skip(record, "tombstone", "no value");
            return true;
        }
        PackageAlert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            if (registryTrouble(e)) {
                problems.put("registry", e.getMessage());
                registryRetryAt = Instant.now().plus(REGISTRY_RETRY);
                LOG.warn("event=registry-unavailable topic={} partition={} offset={} reason=\"{}\"; retrying",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
                return false;
            }
            skip(record, "undecodable", e.getMessage());
            return true;
        }
        problems.remove("registry");
        consumed.increment();
        if (alert.getState() == AlertState.UNKNOWN) {
            skip(record, "unknown-state", "alert state is UNKNOWN (written with a newer schema?)");
            return true;
        }
        apply(alert, new TopicPartition(record.topic(), record.partition()), record.timestamp());
        return true;
    }

    void apply(PackageAlert alert, TopicPartition source, long recordTimestamp) {
        String key = alert.getAlertKey();
        FiringAlert previous = firing.get(key);
        Instant now = Instant.now();
        if (alert.getState() == AlertState.FIRING) {
            Instant episodeStart = previous != null ? previous.alert().startsAt() : alert.getObservedAt();
            AmAlert next = mapping.toAlertmanager(alert, episodeStart, now.plus(settings.firingTtl()));
            if (previous != null && !previous.alert().identity().equals(next.identity())) {
                // The severity (a label) changed: a different Alertmanager alert. End the old one.
                enqueue(key, previous.alert().endingAt(now), false, recordTimestamp);
            }
            FiringAlert entry = new FiringAlert(key, source.topic(), source.partition(), next);
            firing.put(key, entry);
            uncommitted.put(key, Optional.of(entry));
            enqueue(key, next, true, recordTimestamp);
        } else {
            Instant episodeStart = previous != null ? previous.alert().startsAt() : alert.getObservedAt();
            Instant resolvedAt = alert.getDetectedAt().isAfter(now) ? now : alert.getDetectedAt();
            if (resolvedAt.isBefore(episodeStart)) {
                resolvedAt = episodeStart;
            }
            AmAlert resolved = mapping.toAlertmanager(alert, episodeStart, resolvedAt);
            if (previous != null && !previous.alert().identity().equals(resolved.identity())) {
                enqueue(key, previous.alert().endingAt(resolvedAt), false, recordTimestamp);
            }
            firing.remove(key);
            uncommitted.put(key, Optional.empty());
            enqueue(key, resolved, false, recordTimestamp);
        }
        firingCount = firing.size();
    }

    private void enqueue(String alertKey, AmAlert alert, boolean isFiring, long recordTimestamp) {
        outbox.enqueue(new AlertmanagerTarget.Pending(alertKey, alert, isFiring, recordTimestamp));
    }

    /** The consumer's position in {@code tp}, empty when it is not assigned (any more). */
    private OptionalLong position(TopicPartition tp) {
        return consumer.assignment().contains(tp) ? OptionalLong.of(consumer.position(tp)) : OptionalLong.empty();
    }

    private void resendFiring() {
        for (FiringAlert f : firing.values()) {
            outbox.enqueue(new AlertmanagerTarget.Pending(f.alertKey(), f.alert(), true, -1));
        }
    }

    private void commitIfAdvanced() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position = consumer.position(tp);
            if (committed.getOrDefault(tp, -1L) != position) {
                offsets.put(tp, new OffsetAndMetadata(position));
            }
        }
        if (offsets.isEmpty() && uncommitted.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            uncommitted.forEach((key, entry) -> producer.send(new ProducerRecord<>(settings.stateTopic(), key,
                    entry.map(FiringStateCodec::encode).orElse(null))));
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (KafkaException e) {
            // Fenced or failed: nothing of this transaction counts; the records are read again after a restart or
            // rebalance. A fenced producer cannot go on, so this instance stops (its health says why).
            throw new IllegalStateException("cannot commit offsets and firing state: " + e, e);
        }
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        uncommitted.clear();
        lastCommit = Instant.now();
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        skipped.computeIfAbsent(reason, r -> Counter.builder("packwatch.notifier.records.skipped")
                .description("Alert records that cannot be delivered (they stay on the topic)").tag("reason", r)
                .register(meters)).increment();
        LOG.warn("event=record-skipped topic={} partition={} offset={} reason={} detail=\"{}\"",
                record.topic(), record.partition(), record.offset(), reason, detail);
    }

    private static boolean registryTrouble(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Partition ownership moves: firing alerts go with their source partition. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (outbox.deliver(Instant.now(), AlertDelivery.this::position)) {
                try {
                    commitIfAdvanced();
                } catch (IllegalStateException e) {
                    LOG.warn("event=commit-on-revoke-failed reason=\"{}\"", e.getMessage());
                }
            }
            Set<String> keys = new HashSet<>();
            for (FiringAlert f : firing.values()) {
                if (partitions.contains(new TopicPartition(f.sourceTopic(), f.sourcePartition()))) {
                    keys.add(f.alertKey());
                }
            }
            firing.keySet().removeAll(keys);
            uncommitted.keySet().removeAll(keys);
            outbox.revoke(partitions, keys);
            partitions.forEach(committed::remove);
            firingCount = firing.size();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<String, FiringAlert> restored = StateTopic.readFiring(settings, partitions);
            firing.putAll(restored);
            for (TopicPartition tp : partitions) {
                committed.put(tp, -1L);
            }
            outbox.restore(restored.values(), consumer.endOffsets(partitions));
            firingCount = firing.size();
            LOG.info("event=partitions-assigned partitions={} firing-restored={}", partitions.size(), restored.size());
        }
    }

    /** What /health reports: one problem per failing part, and whether alerts still reach an Alertmanager. */
    public DeliveryHealth health() {
        Map<String, String> blocking = new LinkedHashMap<>(problems);
        if (thread != null && !thread.isAlive() && !failed && running) {
            blocking.put("delivery", "the delivery thread is not running");
        }
        return DeliveryHealth.of(blocking, outbox.replayProblem(), outbox.statuses(), firingCount, lastCommit);
    }

    public boolean failed() {
        return failed;
    }

    /** Blocks until the delivery thread ended; true if it ended after a fatal error. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return failed;
    }

    @Override
    public void close() {
        running = false;
        if (thread == null) {
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
