package io.packwatch.streams.pools;

import java.util.List;

/**
 * Whether a pool covers the usage beyond one of its members: a member after it in the draw order has capacity left
 * and has not expired, so the next package takes over when it ends. A DEPLETION_FORECAST or EXHAUSTED of a covered
 * member is not news for on-call: it goes out as INFO. That a later package takes over needs no rate.
 */
final class PoolCoverage {

    private PoolCoverage() {
    }

    /** @param ordered the pool's members in draw order; {@code now}: the pool's latest observation */
    static boolean covers(List<Member> ordered, String packageKey, long now) {
        boolean laterLeft = false;
        for (int i = ordered.size() - 1; i >= 0; i--) {
            Member m = ordered.get(i);
            if (m.packageKey().equals(packageKey)) {
                return laterLeft;
            }
            laterLeft |= m.remaining() > 0 && (!m.hasExpiry() || m.expiresAt() > now);
        }
        return false;
    }
}
