package io.packwatch.streams.pools;

import io.packwatch.core.PoolRule;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import java.util.Optional;

/**
 * The pool a package belongs to (vendor-spec §11): {@code <api>/<account>/<region or ->/<kind>/<lane>}, derived from
 * its API's {@link PoolRule}. The kind is always part of the key (Live draws one lane per kind; elsewhere every
 * package is TRAFFIC); the lane is OFF_PEAK for an off-peak package where the rule has idle lanes, else FULL_TIME.
 * Tencent CDN's snapshot region is its billing region, so {@code ACCOUNT_BILLING_REGION} keys on it as well.
 */
public record PoolKey(VendorApi api, String account, String region, PackageKind kind, DeductPolicy lane) {

    /**
     * Longest package key, account and region a pool takes: real ones are far shorter, and a pool keeps its members'
     * keys in one store record, so a broken or hostile feed must not make that record unbounded (or unreadable).
     */
    static final int MAX_KEY_CHARS = 512;

    /**
     * The pool of the snapshot's package, or empty when its API has no pools (Lighthouse) or is not known, or its
     * package key, account or region is longer than {@value #MAX_KEY_CHARS} characters (left out of pools; the
     * package itself is forecast and alerted on as any other).
     */
    public static Optional<PoolKey> of(PackageSnapshot s) {
        if (tooLong(s.getPackageKey()) || tooLong(s.getAccount()) || tooLong(s.getRegion())) {
            return Optional.empty();
        }
        Optional<VendorApi> known = VendorApi.find(s.getVendor(), s.getProduct());
        if (known.isEmpty()) {
            // a vendor or product this build does not know (an UNKNOWN read from a newer writer): no pool rule
            return Optional.empty();
        }
        VendorApi api = known.get();
        PoolRule rule = api.poolRule();
        String region = switch (rule.scope()) {
            case NONE -> null;
            case ACCOUNT -> "-";
            case ACCOUNT_REGION, ACCOUNT_BILLING_REGION -> s.getRegion() == null || s.getRegion().isEmpty() ? "-" : s.getRegion();
        };
        if (region == null) {
            return Optional.empty();
        }
        DeductPolicy lane = rule.lanes() == PoolRule.Lanes.FULL_TIME_AND_IDLE && s.getDeductPolicy() == DeductPolicy.OFF_PEAK
                ? DeductPolicy.OFF_PEAK : DeductPolicy.FULL_TIME;
        return Optional.of(new PoolKey(api, s.getAccount(), region, s.getKind(), lane));
    }

    private static boolean tooLong(String text) {
        return text != null && text.length() > MAX_KEY_CHARS;
    }

    /** The region as the PoolState carries it: null for an account-wide pool. */
    public String regionOrNull() {
        return "-".equals(region) ? null : region;
    }

    @Override
    public String toString() {
        return api.id() + "/" + account + "/" + region + "/" + kind + "/" + lane;
    }
}
