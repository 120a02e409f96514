package io.packwatch.core.envelope;

import io.packwatch.core.VendorApi;

/**
 * The one place that builds package keys, the record keys of the raw topics and of every topic derived from them
 * (raw-envelope.schema.json): {@code api/account/region/packageId}, Lighthouse {@code api/account/region/instanceId/packageId},
 * and {@value #NO_REGION} for the region of APIs without one (Tencent Live). The collectors key the records they write
 * with it and the streams app keys the snapshots it derives with it, so the two cannot disagree. The prefix
 * {@code api/account/region/} (the scope) groups the packages one poll-cycle summary speaks for.
 */
public final class PackageKey {
    /** Region placeholder for APIs that have no region. */
    public static final String NO_REGION = "-";
    private static final char SEP = '/';

    private PackageKey() {
    }

    /** The key of one package; {@code instanceId} only for Lighthouse (null otherwise), {@code region} null or "" for Live. */
    public static String of(VendorApi api, String account, String region, String instanceId, String packageId) {
        StringBuilder key = new StringBuilder(64).append(api.id()).append(SEP).append(account).append(SEP)
                .append(keyRegion(region)).append(SEP);
        if (instanceId != null) {
            key.append(instanceId).append(SEP);
        }
        return key.append(packageId).toString();
    }

    /** {@code api/account/region/}: every package key of one poll scope starts with this (trailing slash included). */
    public static String scopePrefix(VendorApi api, String account, String region) {
        return api.id() + SEP + account + SEP + keyRegion(region) + SEP;
    }

    /** The record key of a poll summary: {@code api/account/region}. */
    public static String summaryKey(VendorApi api, String account, String region) {
        return api.id() + SEP + account + SEP + keyRegion(region);
    }

    /** The region as keys and headers carry it: {@value #NO_REGION} for APIs without one. */
    public static String keyRegion(String region) {
        return region == null || region.isEmpty() ? NO_REGION : region;
    }
}
