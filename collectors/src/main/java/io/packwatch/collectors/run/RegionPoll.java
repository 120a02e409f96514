package io.packwatch.collectors.run;

import io.packwatch.collectors.ops.CollectorMetrics;
import io.packwatch.collectors.paging.FoundItem;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.paging.ListingOutcome;
import io.packwatch.collectors.publish.EnvelopeFactory;
import io.packwatch.collectors.publish.PollContext;
import io.packwatch.collectors.publish.RawPublisher;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.core.envelope.RawEnvelopeJson;
import io.packwatch.core.topics.RecordLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One account/region poll: list every page, publish each item, wait for the acks, then publish the summary. */
final class RegionPoll {
    private static final Logger LOG = LoggerFactory.getLogger(RegionPoll.class);

    private final PollTarget target;
    private final PacedRetryingCaller caller;
    private final RawPublisher publisher;
    private final EnvelopeFactory envelopes;
    private final CollectorMetrics metrics;
    private final Clock clock;

    RegionPoll(PollTarget target, PacedRetryingCaller caller, RawPublisher publisher, EnvelopeFactory envelopes,
               CollectorMetrics metrics, Clock clock) {
        this.target = target;
        this.caller = caller;
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.metrics = metrics;
        this.clock = clock;
    }

    PollResult run(PollContext ctx) throws InterruptedException {
        Instant startedAt = clock.instant();
        RawPublisher.Batch batch = publisher.batch();
        List<IncompleteReason> refused = new ArrayList<>();
        ListingOutcome outcome = target.lister().list(caller, (page, items) -> publishPage(ctx, batch, page, items, refused));
        List<IncompleteReason> reasons = new ArrayList<>(outcome.reasons());
        reasons.addAll(refused);
        boolean confirmed = batch.awaitConfirmed();
        if (!confirmed) {
            reasons.add(new IncompleteReason("PublishUnconfirmed",
                    "the broker did not acknowledge every record before shutdown", null));
        }
        if (outcome.abandoned()) {
            reasons.add(new IncompleteReason("Abandoned", "shutdown stopped the poll after " + outcome.pages() + " pages", null));
        }
        boolean complete = reasons.isEmpty();
        Instant finishedAt = clock.instant();
        for (IncompleteReason r : outcome.reasons()) {
            // Reported once per cycle (the lister stops at the first non-retryable error), with the vendor's code and id.
            LOG.warn("event=poll-error api={} account={} region={} code={} requestId={} message=\"{}\"", ctx.api().id(),
                    ctx.account(), ctx.keyRegion(), r.code(), r.requestId(), r.message());
        }
        byte[] summary = RawEnvelopeJson.write(envelopes.summaryEnvelope(ctx, outcome, complete, reasons, startedAt, finishedAt));
        batch.sendToAllPartitions(ctx.summaryKey(), summary, headers(ctx, RawEnvelope.Type.POLL_SUMMARY, null, null));
        boolean summaryConfirmed = batch.awaitConfirmed();
        metrics.pollFinished(ctx.account(), ctx.keyRegion(), complete && summaryConfirmed, finishedAt);
        LOG.info("event=poll-finished api={} account={} region={} pollId={} complete={} pages={} packages={} abandoned={}",
                ctx.api().id(), ctx.account(), ctx.keyRegion(), ctx.pollId(), complete, outcome.pages(), outcome.packages(),
                outcome.abandoned());
        return new PollResult(ctx.account(), ctx.keyRegion(), ctx.pollId(), complete && summaryConfirmed,
                outcome.abandoned() || !confirmed || !summaryConfirmed, outcome.pages(), outcome.packages(), List.copyOf(reasons));
    }

    private void publishPage(PollContext ctx, RawPublisher.Batch batch, ApiPage page, List<FoundItem> items,
                             List<IncompleteReason> refused) throws InterruptedException {
        for (FoundItem found : items) {
            byte[] value = RawEnvelopeJson.write(envelopes.packageEnvelope(ctx, found, page.requestId(), page.receivedAt()));
            String key = ctx.packageKey(found.instanceId(), found.packageId());
            int size = value.length + key.getBytes(StandardCharsets.UTF_8).length;
            if (size > RecordLimits.RAW_ENVELOPE_MAX_BYTES) {
                // Refused here with the vendor's request id, rather than by the broker or the streams app later; the
                // poll is reported incomplete, so the package is not taken for deleted either.
                String message = "package " + found.packageId() + ": envelope of " + size + " bytes exceeds the raw record"
                        + " limit of " + RecordLimits.RAW_ENVELOPE_MAX_BYTES + " bytes; not published";
                LOG.error("event=record-too-large api={} account={} region={} requestId={} message=\"{}\"", ctx.api().id(),
                        ctx.account(), ctx.keyRegion(), page.requestId(), message);
                refused.add(new IncompleteReason("RecordTooLarge", message, page.requestId()));
                continue;
            }
            batch.send(key, value,
                    headers(ctx, RawEnvelope.Type.PACKAGE, found.packageId(), found.instanceId()));
        }
        metrics.page(ctx.account(), ctx.keyRegion(), items.size());
    }

    static Headers headers(PollContext ctx, RawEnvelope.Type type, String packageId, String instanceId) {
        RecordHeaders h = new RecordHeaders();
        h.add("pw.api", utf8(ctx.api().id()));
        h.add("pw.account", utf8(ctx.account()));
        h.add("pw.region", utf8(ctx.keyRegion()));
        if (packageId != null) {
            h.add("pw.package-id", utf8(packageId));
        }
        if (instanceId != null) {
            h.add("pw.instance-id", utf8(instanceId));
        }
        h.add("pw.poll-id", utf8(ctx.pollId()));
        h.add("pw.type", utf8(type.wire()));
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
