package io.packwatch.collectors.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.collectors.paging.FoundItem;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.paging.ListingOutcome;
import io.packwatch.core.envelope.PollSummary;
import io.packwatch.core.envelope.RawEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the raw envelopes of one collector (schemas/src/main/resources/json/raw-envelope.schema.json, envelope
 * version 1); {@link io.packwatch.core.envelope.RawEnvelopeJson} writes them.
 */
public final class EnvelopeFactory {
    private final String collectorVersion;

    public EnvelopeFactory(String collectorVersion) {
        this.collectorVersion = collectorVersion;
    }

    /** The vendor item goes in as the very tree parsed from the response, so every field is unchanged. */
    public RawEnvelope packageEnvelope(PollContext ctx, FoundItem found, String requestId, Instant collectedAt) {
        return envelope(ctx, RawEnvelope.Type.PACKAGE, collectedAt, requestId, found.instanceId(), found.packageType(),
                found.item(), null);
    }

    public RawEnvelope summaryEnvelope(PollContext ctx, ListingOutcome outcome, boolean complete, Iterable<IncompleteReason> reasons,
                                       Instant startedAt, Instant finishedAt) {
        List<PollSummary.Reason> list = new ArrayList<>();
        for (IncompleteReason r : reasons) {
            list.add(new PollSummary.Reason(r.code(), r.message(), r.requestId()));
        }
        PollSummary summary = new PollSummary(complete, outcome.packages(), outcome.pages(), startedAt, finishedAt,
                outcome.abandoned(), list);
        return envelope(ctx, RawEnvelope.Type.POLL_SUMMARY, finishedAt, null, null, null, null, summary);
    }

    private RawEnvelope envelope(PollContext ctx, RawEnvelope.Type type, Instant collectedAt, String requestId,
                                 String instanceId, Integer packageType, JsonNode item,
                                 PollSummary summary) {
        return new RawEnvelope(type, ctx.api(), ctx.api().vendorName(), ctx.api().productName(), ctx.account(),
                ctx.envelopeRegion(), ctx.api().action(), ctx.api().apiVersion(), ctx.pollId(), collectedAt, requestId,
                collectorVersion, instanceId, packageType, item, summary);
    }
}
