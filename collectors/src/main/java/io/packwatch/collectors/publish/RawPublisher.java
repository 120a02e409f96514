package io.packwatch.collectors.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends raw envelopes and makes sure each one is acknowledged: a send that fails (broker away longer than the
 * producer's own retries, metadata timeout) is re-sent until it succeeds or the collector abandons at shutdown.
 */
public final class RawPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RawPublisher.class);
    private static final long RESEND_PAUSE_MS = 500;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final BooleanSupplier abandon;
    private final PublishListener listener;

    public RawPublisher(Producer<String, byte[]> producer, String topic, BooleanSupplier abandon, PublishListener listener) {
        this.producer = producer;
        this.topic = topic;
        this.abandon = abandon;
        this.listener = listener;
    }

    public String topic() {
        return topic;
    }

    public Batch batch() {
        return new Batch();
    }

    /** The records of one account/region poll, confirmed together before its summary is sent. */
    public final class Batch {
        private final List<Pending> pending = new ArrayList<>();

        public void send(String key, byte[] value, Headers headers) throws InterruptedException {
            pending.add(sendUntilAccepted(new ProducerRecord<>(topic, null, key, value, headers)));
        }

        /** One copy to every partition (explicit partition), so every stream task sees it. */
        public void sendToAllPartitions(String key, byte[] value, Headers headers) throws InterruptedException {
            for (int partition : partitions()) {
                pending.add(sendUntilAccepted(new ProducerRecord<>(topic, partition, key, value, headers)));
            }
        }

        /** @return true once every record is acknowledged; false if the collector abandoned first */
        public boolean awaitConfirmed() throws InterruptedException {
            boolean warned = false;
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                while (true) {
                    if (p.future == null) {
                        return false;
                    }
                    try {
                        p.future.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        if (abandon.getAsBoolean()) {
                            return false;
                        }
                    } catch (ExecutionException e) {
                        String reason = e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName();
                        listener.onSendFailure(reason);
                        if (!warned) {
                            LOG.warn("event=publish-retry topic={} reason={} detail=\"{}\"", topic, reason,
                                    e.getCause() == null ? "" : e.getCause().getMessage());
                            warned = true;
                        }
                        pause();
                        pending.set(i, p = sendUntilAccepted(p.record));
                    }
                }
            }
            pending.clear();
            return true;
        }

        public int size() {
            return pending.size();
        }
    }

    private List<Integer> partitions() throws InterruptedException {
        while (true) {
            try {
                List<PartitionInfo> infos = producer.partitionsFor(topic);
                List<Integer> ids = new ArrayList<>();
                infos.forEach(pi -> ids.add(pi.partition()));
                return ids;
            } catch (KafkaException e) {
                listener.onSendFailure(e.getClass().getSimpleName());
                LOG.warn("event=publish-retry topic={} reason=metadata detail=\"{}\"", topic, e.getMessage());
                if (abandon.getAsBoolean()) {
                    return List.of();
                }
                pause();
            }
        }
    }

    private Pending sendUntilAccepted(ProducerRecord<String, byte[]> record) throws InterruptedException {
        while (true) {
            Throwable failure;
            try {
                Future<RecordMetadata> future = producer.send(record);
                failure = failedAlready(future);
                if (failure == null) {
                    return new Pending(record, future);
                }
            } catch (KafkaException e) {
                failure = e;
            }
            // send() gave up at once (metadata not available within max.block.ms, buffer full): report it now, while
            // the broker is away, rather than when the batch is confirmed, and try the same record again.
            listener.onSendFailure(failure.getClass().getSimpleName());
            LOG.warn("event=publish-retry topic={} reason={} detail=\"{}\"", topic, failure.getClass().getSimpleName(),
                    failure.getMessage());
            if (abandon.getAsBoolean()) {
                return new Pending(record, null);
            }
            pause();
        }
    }

    /** The cause of a future that failed before send() returned (Kafka 4 reports a metadata timeout that way), else null. */
    private static Throwable failedAlready(Future<RecordMetadata> future) throws InterruptedException {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(RESEND_PAUSE_MS);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    private record Pending(ProducerRecord<String, byte[]> record, Future<RecordMetadata> future) { }
}
