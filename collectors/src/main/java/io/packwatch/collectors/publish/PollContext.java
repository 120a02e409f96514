package io.packwatch.collectors.publish;

import io.packwatch.collectors.CollectedApi;

/** Identity of one account/region poll within a cycle. region is "" for Tencent Live (no region). */
public record PollContext(CollectedApi api, String account, String region, String pollId) {
    /** The region as it appears in keys and headers: "-" for Live. */
    public String keyRegion() {
        return region == null || region.isEmpty() ? "-" : region;
    }

    /** The region as it appears in the envelope: null for Live. */
    public String envelopeRegion() {
        return region == null || region.isEmpty() ? null : region;
    }
}
