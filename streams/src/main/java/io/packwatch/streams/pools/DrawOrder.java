package io.packwatch.streams.pools;

import io.packwatch.core.PoolRule;
import java.util.Comparator;

/**
 * The order in which a lane's packages are drawn (vendor-spec §11): earliest expiry first (a package without expiry
 * last), then the rule's tie-break (earliest created, or earliest start of validity; an undocumented tie-break falls
 * back to the earliest start, then creation), then the package id so that the order is deterministic.
 */
final class DrawOrder {

    private DrawOrder() {
    }

    static Comparator<Member> of(PoolRule rule) {
        Comparator<Member> byExpiry = Comparator.comparingLong(m -> m.hasExpiry() ? m.expiresAt() : Long.MAX_VALUE);
        Comparator<Member> tie = switch (rule.tieBreak()) {
            case EARLIEST_CREATED -> Comparator.comparingLong(m -> orLast(m.createdAt()));
            case EARLIEST_START, UNDOCUMENTED, NONE -> Comparator.<Member>comparingLong(m -> orLast(m.startsAt()))
                    .thenComparingLong(m -> orLast(m.createdAt()));
        };
        return byExpiry.thenComparing(tie).thenComparing(Member::packageId).thenComparing(Member::packageKey);
    }

    /** Describes the rule in words for {@code PoolState.drawOrder}. */
    static String describe(PoolRule rule) {
        String tie = switch (rule.tieBreak()) {
            case EARLIEST_CREATED -> ", then earliest created";
            case EARLIEST_START -> ", then earliest start";
            case UNDOCUMENTED, NONE -> ", then earliest start [tie-break inferred]";
        };
        return "earliest expiry first" + tie + ", then package id";
    }

    private static long orLast(long millis) {
        return millis == io.packwatch.streams.forecast.Observation.NONE ? Long.MAX_VALUE : millis;
    }
}
