package io.packwatch.streams.state;

import io.packwatch.core.envelope.PollSummary;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.Normalized;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state stage's reading of poll-cycle summaries. A complete poll marks the packages of its api/account/region
 * that the cycle did not see as gone: a DELETED snapshot each, forwarded to {@link StateAndAlertsProcessor} like any
 * other snapshot, built from the latest snapshots in the {@link PackageStore} this stage owns. An incomplete one marks
 * nothing. Every summary records the poll in {@link CollectorPolls}, the collectors' heartbeat that STALE is judged
 * from.
 */
final class PollSummaries extends ContextualProcessor<String, Normalized.PollDone, String, Normalized.Snapshot> {
    private static final Logger LOG = LoggerFactory.getLogger(PollSummaries.class);

    private final String snapshotsTo;
    private LatestSnapshots latest;
    private KeyValueStore<String, Long> collectorPolls;

    /** @param snapshotsTo the node that takes the DELETED snapshots (the state processor) */
    PollSummaries(String snapshotsTo) {
        this.snapshotsTo = snapshotsTo;
    }

    @Override
    public void init(ProcessorContext<String, Normalized.Snapshot> context) {
        super.init(context);
        latest = PackageStore.latestSnapshots(context);
        collectorPolls = CollectorPolls.of(context);
    }

    @Override
    public void process(Record<String, Normalized.PollDone> record) {
        RawEnvelope envelope = record.value().summary();
        PollSummary summary = envelope.summary();
        String scope = envelope.scopePrefix();
        if (summary.complete()) {
            markGone(record.timestamp(), envelope, scope);
        } else {
            LOG.debug("incomplete poll {}: nothing marked gone", envelope.pollId());
        }
        // complete or not, a summary is the collector saying it polled this scope (STALE is judged from it)
        CollectorPolls.polled(collectorPolls, scope, summary.startedAt().toEpochMilli());
    }

    private void markGone(long timestamp, RawEnvelope envelope, String scope) {
        // collected first: forwarding a DELETED snapshot updates the store this scan reads
        List<KeyValue<String, PackageSnapshot>> gone = new ArrayList<>();
        for (KeyValue<String, PackageSnapshot> kv : latest.withPrefix(scope)) {
            PackageSnapshot s = kv.value;
            if (s.getStatus() != PackageStatus.DELETED
                    && !s.getPollId().equals(envelope.pollId())
                    && s.getObservedAt().isBefore(envelope.summary().startedAt())) {
                gone.add(KeyValue.pair(kv.key, PackageSnapshot.newBuilder(s)
                        .setStatus(PackageStatus.DELETED)
                        .setObservedAt(envelope.collectedAt())
                        .setPollId(envelope.pollId())
                        .setVendorRequestId(null)
                        .build()));
            }
        }
        for (KeyValue<String, PackageSnapshot> kv : gone) {
            context().forward(new Record<>(kv.key, new Normalized.Snapshot(kv.value), timestamp), snapshotsTo);
        }
        if (!gone.isEmpty()) {
            LOG.info("complete poll {} did not see {} package(s) of {}: marked DELETED", envelope.pollId(), gone.size(), scope);
        }
    }
}
