package io.packwatch.collectors.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.collectors.paging.FoundItem;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.paging.ListingOutcome;
import io.packwatch.collectors.vendor.VendorJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds raw envelopes exactly per schemas/src/main/resources/json/raw-envelope.schema.json (envelopeVersion 1). */
public final class EnvelopeFactory {
    public static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    public static final String TYPE_PACKAGE = "package";
    public static final String TYPE_SUMMARY = "poll-summary";

    private final String collectorVersion;

    public EnvelopeFactory(String collectorVersion) {
        this.collectorVersion = collectorVersion;
    }

    /** The vendor item goes in as the very tree parsed from the response, so every field is unchanged. */
    public ObjectNode packageEnvelope(PollContext ctx, FoundItem found, String requestId, Instant collectedAt) {
        ObjectNode e = header(ctx, TYPE_PACKAGE, collectedAt, requestId);
        e.put("instanceId", found.instanceId());
        if (found.packageType() == null) {
            e.putNull("packageType");
        } else {
            e.put("packageType", found.packageType());
        }
        e.set("item", found.item());
        return e;
    }

    public ObjectNode summaryEnvelope(PollContext ctx, ListingOutcome outcome, boolean complete, Iterable<IncompleteReason> reasons,
                                      Instant startedAt, Instant finishedAt) {
        ObjectNode e = header(ctx, TYPE_SUMMARY, finishedAt, null);
        e.putNull("instanceId");
        e.putNull("packageType");
        ObjectNode s = e.putObject("summary");
        s.put("complete", complete);
        s.put("packagesSeen", outcome.packages());
        s.put("pages", outcome.pages());
        s.put("startedAt", UTC_MILLIS.format(startedAt));
        s.put("finishedAt", UTC_MILLIS.format(finishedAt));
        s.put("abandoned", outcome.abandoned());
        ArrayNode list = s.putArray("incompleteReasons");
        for (IncompleteReason r : reasons) {
            list.addObject().put("code", r.code()).put("message", r.message()).put("requestId", r.requestId());
        }
        return e;
    }

    private ObjectNode header(PollContext ctx, String type, Instant collectedAt, String requestId) {
        ObjectNode e = VendorJson.MAPPER.createObjectNode();
        e.put("envelopeVersion", 1);
        e.put("type", type);
        e.put("api", ctx.api().id());
        e.put("vendor", ctx.api().vendorName());
        e.put("product", ctx.api().productName());
        e.put("account", ctx.account());
        e.put("region", ctx.envelopeRegion());
        e.put("action", ctx.api().action());
        e.put("apiVersion", ctx.api().apiVersion());
        e.put("pollId", ctx.pollId());
        e.put("collectedAt", UTC_MILLIS.format(collectedAt));
        e.put("requestId", requestId);
        e.put("collectorVersion", collectorVersion);
        return e;
    }
}
