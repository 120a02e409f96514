package io.packwatch.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.dlq.DeadLetter;
import io.packwatch.streams.normalize.NormalizationException;
import io.packwatch.streams.normalize.Normalizers;
import io.packwatch.streams.normalize.PackageKey;
import io.packwatch.streams.normalize.RawEnvelope;
import io.packwatch.streams.normalize.RawEnvelopes;
import io.packwatch.streams.state.CollectorPolls;
import io.packwatch.streams.state.LatestSnapshots;
import io.packwatch.streams.state.PackageStore;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw envelope bytes in, {@link Normalized} out. Packages are normalized; a complete poll summary marks the packages
 * of its api/account/region that the cycle did not see as gone (a snapshot with status DELETED), reading their latest
 * snapshots from the {@link PackageStore} (which part 2 keeps, downstream of this processor, within the same
 * forward); an incomplete one marks nothing. Every readable summary records the poll in {@link CollectorPolls}, the
 * collectors' heartbeat that STALE is judged from. Bad input becomes a {@link Normalized.Failed} value; only store and
 * forwarding failures (which are not about the data) are thrown.
 */
final class NormalizeProcessor extends ContextualProcessor<String, byte[], String, Normalized> {
    private static final Logger LOG = LoggerFactory.getLogger(NormalizeProcessor.class);
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
    private static final Set<String> WARNED_KEY_MISMATCH = ConcurrentHashMap.newKeySet();

    private final Map<String, String> apiByTopic;
    private LatestSnapshots latest;
    private KeyValueStore<String, Long> collectorPolls;

    NormalizeProcessor(Map<String, String> apiByTopic) {
        this.apiByTopic = apiByTopic;
    }

    @Override
    public void init(ProcessorContext<String, Normalized> context) {
        super.init(context);
        latest = PackageStore.latestSnapshots(context);
        collectorPolls = CollectorPolls.of(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        String topicApi = apiByTopic.get(source.topic());
        RawEnvelope envelope;
        PackageSnapshot snapshot = null;
        SummaryOutcome summary = null;
        try {
            envelope = RawEnvelopes.parse(record.value());
            if (!envelope.api().equals(topicApi)) {
                throw new NormalizationException("$.api", "envelope of api '" + envelope.api()
                        + "' arrived on the raw topic of '" + topicApi + "'");
            }
            if (envelope.isPackage()) {
                snapshot = Normalizers.normalize(envelope);
            } else {
                summary = SummaryOutcome.of(envelope);
            }
        } catch (RuntimeException e) {
            // Any failure to read the data is the data's fault here (no I/O happens above): dead-letter it.
            forwardFailure(record, source, topicApi, e);
            return;
        }
        if (snapshot != null) {
            keep(record, snapshot);
        } else {
            markGone(record, envelope, summary);
            // complete or not, a summary is the collector saying it polled this scope (part 2 judges STALE from it)
            CollectorPolls.polled(collectorPolls, PackageKey.scopePrefix(envelope.api(), envelope.account(), envelope.region()),
                    summary.startedAt().toEpochMilli());
        }
    }

    private void keep(Record<String, byte[]> record, PackageSnapshot snapshot) {
        String key = snapshot.getPackageKey();
        if (record.key() != null && !record.key().equals(key)
                && WARNED_KEY_MISMATCH.add(context().recordMetadata().map(RecordMetadata::topic).orElse(""))) {
            // once per topic: a collector keying differently does so for every record
            LOG.warn("record key '{}' differs from the package key '{}' derived from its envelope; using the latter "
                    + "(key lookups may be routed to the wrong instance until the producer keys records the same way)",
                    record.key(), key);
        }
        // An out-of-order (older) snapshot flows downstream too: part 2 neither counts it nor lets it replace the latest.
        context().forward(record.withKey(key).withValue(new Normalized.Ok(snapshot)));
    }

    private void markGone(Record<String, byte[]> record, RawEnvelope summary, SummaryOutcome outcome) {
        if (!outcome.complete()) {
            LOG.debug("incomplete poll {}: nothing marked gone", summary.pollId());
            return;
        }
        String prefix = PackageKey.scopePrefix(summary.api(), summary.account(), summary.region());
        // collected first: forwarding a DELETED snapshot updates the store this scan reads
        List<KeyValue<String, PackageSnapshot>> gone = new ArrayList<>();
        for (KeyValue<String, PackageSnapshot> kv : latest.withPrefix(prefix)) {
            PackageSnapshot s = kv.value;
            if (s.getStatus() != PackageStatus.DELETED
                    && !s.getPollId().equals(summary.pollId())
                    && s.getObservedAt().isBefore(outcome.startedAt())) {
                gone.add(KeyValue.pair(kv.key, PackageSnapshot.newBuilder(s)
                        .setStatus(PackageStatus.DELETED)
                        .setObservedAt(summary.collectedAt())
                        .setPollId(summary.pollId())
                        .setVendorRequestId(null)
                        .build()));
            }
        }
        for (KeyValue<String, PackageSnapshot> kv : gone) {
            context().forward(new Record<String, Normalized>(kv.key, new Normalized.Ok(kv.value), record.timestamp()));
        }
        if (!gone.isEmpty()) {
            LOG.info("complete poll {} did not see {} package(s) of {}: marked DELETED", summary.pollId(), gone.size(), prefix);
        }
    }

    private void forwardFailure(Record<String, byte[]> record, RecordMetadata source, String api, Exception e) {
        DeadLetter letter = DeadLetter.of(e, source.topic(), source.partition(), source.offset(), api,
                record.key() == null ? null : PREFIX_SERIALIZER.serialize(source.topic(), record.key()),
                record.value(), record.headers());
        LOG.warn("raw record {}-{}@{} to DLQ: {}", source.topic(), source.partition(), source.offset(), letter.errorMessage());
        context().forward(record.withValue(new Normalized.Failed(letter)));
    }

    /** What a poll summary says, read strictly (a summary we cannot read must not mark anything gone). */
    record SummaryOutcome(boolean complete, Instant startedAt) {
        static SummaryOutcome of(RawEnvelope envelope) {
            JsonNode s = envelope.summary();
            JsonNode complete = s.get("complete");
            if (complete == null || !complete.isBoolean()) {
                throw new NormalizationException("$.summary.complete", "required boolean is missing");
            }
            JsonNode started = s.get("startedAt");
            if (started == null || !started.isTextual()) {
                throw new NormalizationException("$.summary.startedAt", "required time is missing");
            }
            try {
                return new SummaryOutcome(complete.booleanValue(),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(started.asText(), Instant::from));
            } catch (DateTimeParseException e) {
                throw new NormalizationException("$.summary.startedAt", "unparseable UTC time", e);
            }
        }
    }
}
