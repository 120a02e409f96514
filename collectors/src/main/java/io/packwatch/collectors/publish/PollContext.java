package io.packwatch.collectors.publish;

import io.packwatch.core.VendorApi;

/** Identity of one account/region poll within a cycle. region is "" for Tencent Live (no region). */
public record PollContext(VendorApi api, String account, String region, String pollId) {
    /** The region as it appears in keys and headers: "-" for Live. */
    public String keyRegion() {
        return region == null || region.isEmpty() ? "-" : region;
    }

    /** The region as it appears in the envelope: null for Live. */
    public String envelopeRegion() {
        return region == null || region.isEmpty() ? null : region;
    }
}
