package io.packwatch.cli.view;

import io.packwatch.core.serde.SpecificAvroDeserializer;
import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PoolState;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The terminal view of {@code ./packwatch local}: the package table redrawn in place once a second and the alert feed
 * below it. It reads what any downstream consumer reads (package-state, pool-state and both alert topics,
 * read_committed), so what it shows is what the contract carries. Without a terminal it prints alert lines and a table
 * every 30 seconds. Package and pool states are read from the beginning (the topics are compacted: they are the current
 * state of every package and pool; no pool state, no pool lines);
 * alerts only from {@code alertsSince} on, so a second run over the same data dir does not replay the first run's.
 */
public final class LiveView implements Runnable, AutoCloseable {

    /** Alert lines kept for the feed: more than any terminal shows. */
    private static final int FEED_LINES = 500;
    private static final Duration PLAIN_TABLE_EVERY = Duration.ofSeconds(30);

    private final Topics topics;
    private final Map<String, String> serdeConfig;
    private final String bootstrapServers;
    private final PrintStream out;
    private final Ansi ansi;
    private final boolean tty;
    private final Clock clock;
    private final Instant alertsSince;
    private final ZoneId zone;
    private final Map<String, PackageState> states = new ConcurrentHashMap<>();
    private final Map<String, PoolState> pools = new ConcurrentHashMap<>();
    private final Deque<String> feed = new ArrayDeque<>();
    /** Lines from other threads (deliveries of the local notifier), shown by the view thread. */
    private final java.util.Queue<String> noted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SpecificAvroDeserializer<PackageState> stateReader = new SpecificAvroDeserializer<>(PackageState.class);
    private final SpecificAvroDeserializer<PoolState> poolReader = new SpecificAvroDeserializer<>(PoolState.class);
    private final SpecificAvroDeserializer<PackageAlert> alertReader = new SpecificAvroDeserializer<>(PackageAlert.class);
    private volatile boolean running = true;
    private int alertsSeen;
    private Instant lastPlainTable = Instant.EPOCH;

    /** @param clock its zone is the one times are shown in */
    public LiveView(String bootstrapServers, Topics topics, Map<String, String> serdeConfig, PrintStream out,
                    boolean tty, Clock clock, Instant alertsSince) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.serdeConfig = serdeConfig;
        this.out = out;
        this.tty = tty;
        this.ansi = new Ansi(tty && System.getenv("NO_COLOR") == null);
        this.clock = clock;
        this.alertsSince = alertsSince;
        this.zone = clock.getZone();
        stateReader.configure(serdeConfig, false);
        poolReader.configure(serdeConfig, false);
        alertReader.configure(serdeConfig, false);
        this.consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "group.id", "packwatch-local-view-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "enable.auto.commit", "false",
                // a view must not create the topics it reads (pool-state is compacted; a default topic would not be)
                "allow.auto.create.topics", "false",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public int alertsSeen() {
        return alertsSeen;
    }

    /** Pools whose state the view holds (shown as lines above their packages). */
    public int poolCount() {
        return pools.size();
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topics.packageState().name(), topics.poolState().name(),
                topics.alertsDepletion().name(), topics.alertsExpiry().name()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        skipEarlierAlerts(partitions);
                    }

                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    }
                });
        Instant nextDraw = Instant.EPOCH;
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    accept(record);
                }
                for (String line = noted.poll(); line != null; line = noted.poll()) {
                    show(line);
                }
                Instant now = clock.instant();
                if (tty && !now.isBefore(nextDraw)) {
                    draw(now);
                    nextDraw = now.plusSeconds(1);
                } else if (!tty && Duration.between(lastPlainTable, now).compareTo(PLAIN_TABLE_EVERY) >= 0
                        && !states.isEmpty()) {
                    PackageTable.render(states.values(), pools.values(), now, ansi, Integer.MAX_VALUE).forEach(out::println);
                    lastPlainTable = now;
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Alert partitions start at the first record stamped at or after {@code alertsSince} (at the end if none). */
    private void skipEarlierAlerts(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> since = new HashMap<>();
        partitions.stream().filter(p -> !p.topic().equals(topics.packageState().name())
                        && !p.topic().equals(topics.poolState().name()))
                .forEach(p -> since.put(p, alertsSince.toEpochMilli()));
        if (since.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
        List<TopicPartition> noneSince = new ArrayList<>();
        since.keySet().forEach(p -> {
            OffsetAndTimestamp at = offsets.get(p);
            if (at == null) {
                noneSince.add(p);
            } else {
                consumer.seek(p, at.offset());
            }
        });
        consumer.seekToEnd(noneSince);
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.topic().equals(topics.packageState().name())) {
                String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
                if (record.value() == null) {
                    states.remove(key);
                } else {
                    states.put(key, stateReader.deserialize(record.topic(), record.value()));
                }
            } else if (record.topic().equals(topics.poolState().name())) {
                String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
                if (record.value() == null) {
                    pools.remove(key);
                } else {
                    pools.put(key, poolReader.deserialize(record.topic(), record.value()));
                }
            } else if (record.value() != null) {
                String line = AlertFeed.line(alertReader.deserialize(record.topic(), record.value()), ansi, zone);
                alertsSeen++;
                show(line);
            }
        } catch (RuntimeException e) {
            out.println("view: skipped an unreadable record on " + record.topic() + "@" + record.offset() + ": "
                    + e.getMessage());
        }
    }

    /** Adds a line to the alert feed from any thread ("delivered to #ops-demo: ..."). */
    public void note(String line) {
        noted.add(line);
    }

    private void show(String line) {
        if (tty) {
            feed.addLast(line);
            while (feed.size() > FEED_LINES) {
                feed.removeFirst();
            }
        } else {
            out.println(line);
        }
    }

    /** One frame, sized to the terminal as it is now (read for every frame, so a resize shows on the next one). */
    private void draw(Instant now) {
        TerminalSize size = TerminalSize.current();
        // what to press first: on a narrow terminal the end of the title is elided (the banner above has the URLs)
        String title = ansi.bold("Packwatch local") + "  " + ansi.dim("Ctrl-C to stop  " + bootstrapServers + "  "
                + serdeConfig.get("schema.registry.url"));
        List<String> lines = Screen.layout(title, PackageTable.render(states.values(), pools.values(), now, ansi, size.columns()),
                ansi.bold("Alerts (" + alertsSeen + ")"), List.copyOf(feed), size, ansi);
        // no newline after the last line: on the terminal's last row it would scroll the title away
        out.print(ansi.home() + String.join("\n", lines));
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
