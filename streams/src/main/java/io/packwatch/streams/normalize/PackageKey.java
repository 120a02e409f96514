package io.packwatch.streams.normalize;

/**
 * The one place that builds package keys. They must equal the record keys the collectors send:
 * {@code api/account/region/packageId}, Lighthouse {@code api/account/region/instanceId/packageId}, and {@code -} for
 * the region of APIs without one (Tencent Live). The same prefix {@code api/account/region/} groups the packages
 * a poll-cycle summary speaks for.
 */
public final class PackageKey {
    /** Region placeholder for APIs that have no region. */
    public static final String NO_REGION = "-";
    private static final char SEP = '/';

    private PackageKey() {
    }

    /** The key of the package an envelope carries; {@code packageId} comes from the vendor item. */
    public static String of(RawEnvelope envelope, String packageId) {
        StringBuilder key = new StringBuilder(scopePrefix(envelope.api(), envelope.account(), envelope.region()));
        if (envelope.instanceId() != null) {
            key.append(envelope.instanceId()).append(SEP);
        }
        return key.append(packageId).toString();
    }

    /** {@code api/account/region/}: every package key of one poll scope starts with this (trailing slash included). */
    public static String scopePrefix(String api, String account, String region) {
        return api + SEP + account + SEP + (region == null || region.isEmpty() ? NO_REGION : region) + SEP;
    }

    /** The record key of a poll summary: {@code api/account/region}. */
    public static String summaryKey(RawEnvelope envelope) {
        String prefix = scopePrefix(envelope.api(), envelope.account(), envelope.region());
        return prefix.substring(0, prefix.length() - 1);
    }
}
