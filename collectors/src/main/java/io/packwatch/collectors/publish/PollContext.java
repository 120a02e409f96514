package io.packwatch.collectors.publish;

import io.packwatch.core.VendorApi;
import io.packwatch.core.envelope.PackageKey;

/** Identity of one account/region poll within a cycle. region is "" for Tencent Live (no region). */
public record PollContext(VendorApi api, String account, String region, String pollId) {
    /** The region as it appears in keys and headers: "-" for Live. */
    public String keyRegion() {
        return PackageKey.keyRegion(region);
    }

    /** The record key of a package of this poll; {@code instanceId} only for Lighthouse. */
    public String packageKey(String instanceId, String packageId) {
        return PackageKey.of(api, account, region, instanceId, packageId);
    }

    /** The record key of this poll's summary. */
    public String summaryKey() {
        return PackageKey.summaryKey(api, account, region);
    }

    /** The region as it appears in the envelope: null for Live. */
    public String envelopeRegion() {
        return region == null || region.isEmpty() ? null : region;
    }
}
