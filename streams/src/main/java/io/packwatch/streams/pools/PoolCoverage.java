package io.packwatch.streams.pools;

import io.packwatch.schema.PoolMember;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.forecast.Observation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the per-package alerts need to know of a pool: until when it covers the usage ({@code overageAt}, or
 * {@link Observation#NONE} beyond the horizon or before the pool has a rate) and which members it covers beyond,
 * i.e. those followed in the draw order by a member with capacity left that has not expired. A DEPLETION_FORECAST or EXHAUSTED of a covered member is not news for on-call (the next package takes
 * over): it goes out as INFO. That a later package takes over needs no rate; only the instant of the overage does.
 */
public record PoolCoverage(long overageAt, Set<String> covered) {

    public static PoolCoverage of(PoolState p) {
        Set<String> covered = new TreeSet<>();
        long now = p.getObservedAt().toEpochMilli();
        if (p.getOverageStartsAt() != null && p.getOverageStartsAt().toEpochMilli() <= now) {
            return new PoolCoverage(p.getOverageStartsAt().toEpochMilli(), covered);
        }
        List<PoolMember> members = p.getMembers();
        boolean laterLeft = false;
        for (int i = members.size() - 1; i >= 0; i--) {
            PoolMember m = members.get(i);
            if (laterLeft) {
                covered.add(m.getPackageKey());
            }
            laterLeft |= m.getRemaining() > 0 && (m.getExpiresAt() == null || m.getExpiresAt().toEpochMilli() > now);
        }
        return new PoolCoverage(p.getOverageStartsAt() == null ? Observation.NONE : p.getOverageStartsAt().toEpochMilli(),
                covered);
    }

    public boolean covers(String packageKey) {
        return covered.contains(packageKey);
    }
}
