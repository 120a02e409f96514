package io.packwatch.streams.pools;

import io.packwatch.core.VendorApi;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.LocalTimeWindow;
import io.packwatch.schema.PoolMember;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.forecast.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the published {@link PoolState} of a lane from its members in draw order, its rate and its projections. */
final class PoolStates {

    private PoolStates() {
    }

    static PoolState build(PoolKey key, PoolRecord rec, LocalTimeWindow window, List<Member> ordered, PoolRate rate,
                           PoolProjection.Result median, long overageEarliest, long overageLatest, long now,
                           long horizonEnd) {
        List<PoolMember> members = new ArrayList<>(ordered.size());
        long capacity = 0;
        long remaining = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Member m = ordered.get(i);
            PoolProjection.Turn turn = median.turns().get(i);
            capacity += m.capacity();
            if (!m.hasExpiry() || m.expiresAt() > now) {
                remaining += m.remaining();
            }
            members.add(PoolMember.newBuilder()
                    .setPackageKey(m.packageKey()).setPackageId(m.packageId()).setPackageName(m.name())
                    .setStatus(m.status()).setCapacity(m.capacity()).setUsed(m.used()).setRemaining(m.remaining())
                    .setStartsAt(instant(m.startsAt())).setExpiresAt(instant(m.expiresAt()))
                    .setDrawStartAt(instant(turn.drawStartAt())).setDrawEndAt(instant(turn.drawEndAt()))
                    .setProjectedWaste(turn.waste()).setObservedAt(Instant.ofEpochMilli(m.observedAt()))
                    .build());
        }
        String order = DrawOrder.describe(key.api().poolRule()) + (key.api() == VendorApi.TENCENT_VPC ? " [inferred]" : "");
        return PoolState.newBuilder()
                .setPoolKey(key.toString()).setVendor(key.api().vendor()).setProduct(key.api().product())
                .setAccount(key.account()).setRegion(key.regionOrNull()).setKind(key.kind()).setLane(key.lane())
                .setOffPeakWindow(key.lane() == DeductPolicy.OFF_PEAK ? window : null)
                .setUnit(rec.unit).setDrawOrder(order).setMembers(members)
                .setCapacity(capacity).setRemaining(remaining)
                .setRatePerHour(rate.known() ? rate.ratePerHour() : null)
                .setOverageStartsAt(instant(median.overageAt()))
                .setOverageEarliestAt(instant(overageEarliest))
                .setOverageLatestAt(instant(overageLatest))
                .setProjectedWaste(median.waste())
                .setConfidence(rate.confidence())
                .setHorizonEndsAt(Instant.ofEpochMilli(horizonEnd))
                .setObservedAt(Instant.ofEpochMilli(now))
                .build();
    }

    private static Instant instant(long millis) {
        return millis == Observation.NONE ? null : Instant.ofEpochMilli(millis);
    }
}
