package io.packwatch.streams;

import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.dlq.DeadLetter;
import io.packwatch.streams.normalize.NormalizationException;
import io.packwatch.streams.normalize.Normalizers;
import io.packwatch.streams.normalize.RawEnvelopes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw envelope bytes in, {@link Normalized} out, each kind forwarded straight to the node named for it: a package's
 * snapshot and a poll summary to the state stage, bad input to the dead-letter node. Stateless: what a summary means for
 * the packages it did not see is the state stage's to decide, from the store it owns. Only forwarding failures (which
 * are not about the data) are thrown.
 */
final class NormalizeProcessor extends ContextualProcessor<String, byte[], String, Normalized> {
    private static final Logger LOG = LoggerFactory.getLogger(NormalizeProcessor.class);
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
    private static final Set<String> WARNED_KEY_MISMATCH = ConcurrentHashMap.newKeySet();

    private final Map<String, String> apiByTopic;
    private final Routes routes;

    /** The names of the nodes each kind goes to. */
    record Routes(String snapshots, String pollSummaries, String deadLetters) {
    }

    NormalizeProcessor(Map<String, String> apiByTopic, Routes routes) {
        this.apiByTopic = apiByTopic;
        this.routes = routes;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        String topicApi = apiByTopic.get(source.topic());
        RawEnvelope envelope;
        PackageSnapshot snapshot = null;
        try {
            envelope = RawEnvelopes.parse(record.value());
            if (!envelope.api().id().equals(topicApi)) {
                throw new NormalizationException("$.api", "envelope of api '" + envelope.api().id()
                        + "' arrived on the raw topic of '" + topicApi + "'");
            }
            if (envelope.isPackage()) {
                snapshot = Normalizers.normalize(envelope);
            }
        } catch (RuntimeException e) {
            // Any failure to read the data is the data's fault here (no I/O happens above): dead-letter it.
            forwardFailure(record, source, topicApi, e);
            return;
        }
        if (snapshot != null) {
            forwardSnapshot(record, snapshot);
        } else {
            context().forward(new Record<>(record.key(), new Normalized.PollDone(envelope), record.timestamp()),
                    routes.pollSummaries());
        }
    }

    private void forwardSnapshot(Record<String, byte[]> record, PackageSnapshot snapshot) {
        String key = snapshot.getPackageKey();
        if (record.key() != null && !record.key().equals(key)
                && WARNED_KEY_MISMATCH.add(context().recordMetadata().map(RecordMetadata::topic).orElse(""))) {
            // once per topic: only a producer other than our collectors (which key with the same PackageKey) can differ
            LOG.warn("record key '{}' differs from the package key '{}' derived from its envelope; using the latter "
                    + "(key lookups may be routed to the wrong instance until the producer keys records the same way)",
                    record.key(), key);
        }
        // the collector's headers stay on the raw record: derived records carry none
        context().forward(new Record<>(key, new Normalized.Snapshot(snapshot), record.timestamp()), routes.snapshots());
    }

    private void forwardFailure(Record<String, byte[]> record, RecordMetadata source, String api, Exception e) {
        DeadLetter letter = DeadLetter.of(e, source.topic(), source.partition(), source.offset(), api,
                record.key() == null ? null : PREFIX_SERIALIZER.serialize(source.topic(), record.key()),
                record.value(), record.headers());
        LOG.warn("raw record {}-{}@{} to DLQ: {}", source.topic(), source.partition(), source.offset(), letter.errorMessage());
        context().forward(record.withValue(new Normalized.Failed(letter)), routes.deadLetters());
    }
}
