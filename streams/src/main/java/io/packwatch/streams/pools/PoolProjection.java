package io.packwatch.streams.pools;

import io.packwatch.streams.forecast.DrawableClock;
import io.packwatch.streams.forecast.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a lane's members in draw order at the pool's rate, counting drawable hours only: each member's turn starts
 * when the one before it is used up or expires (or when its own validity starts, if later), and ends when it is used
 * up or expires. A member that expires before its turn wastes all it has left; one that expires during its turn wastes
 * what the rate does not consume by then. Overage starts when the last drawable member is used up or expires. Pure:
 * instants in epoch millis, {@link Observation#NONE} for "not within the horizon" or "not projected".
 */
public final class PoolProjection {

    /** One member's projected turn. */
    public record Turn(long drawStartAt, long drawEndAt, long waste) {
        static final Turn NONE = new Turn(Observation.NONE, Observation.NONE, 0);
    }

    /** The turns, in the order of the members given, and the overage instant. */
    public record Result(List<Turn> turns, long overageAt) {
        public long waste() {
            return turns.stream().mapToLong(Turn::waste).sum();
        }
    }

    private PoolProjection() {
    }

    /**
     * @param ordered    the lane's members in draw order
     * @param ratePerHour consumption per drawable hour; NaN when unknown (then nothing is projected)
     * @param horizonEnd instants after it are reported as {@link Observation#NONE}
     */
    public static Result project(List<Member> ordered, DrawableClock clock, long now, double ratePerHour, long horizonEnd) {
        List<Turn> turns = new ArrayList<>(ordered.size());
        boolean known = !Double.isNaN(ratePerHour);
        boolean drawable = false;
        long cursor = now;
        boolean beyond = false;
        for (Member m : ordered) {
            long left = m.remaining();
            if (left <= 0) {
                turns.add(Turn.NONE);
                continue;
            }
            boolean expiresInHorizon = m.hasExpiry() && m.expiresAt() <= horizonEnd;
            if (m.hasExpiry() && m.expiresAt() <= now) {
                turns.add(new Turn(Observation.NONE, Observation.NONE, left));
                continue;
            }
            drawable = true;
            if (!known) {
                turns.add(Turn.NONE);
                continue;
            }
            long start = m.startsAt() != Observation.NONE && m.startsAt() > cursor ? m.startsAt() : cursor;
            if (beyond || ratePerHour <= 0 || start > horizonEnd) {
                // its turn does not come within the horizon: whatever expires inside it is wasted
                beyond = true;
                turns.add(new Turn(Observation.NONE, Observation.NONE, expiresInHorizon ? left : 0));
                continue;
            }
            if (m.hasExpiry() && m.expiresAt() <= start) {
                turns.add(new Turn(Observation.NONE, Observation.NONE, left));
                continue;
            }
            long end = clock.instantAfter(start, left / ratePerHour, horizonEnd - start);
            if (m.hasExpiry() && (end < 0 || end > m.expiresAt())) {
                double consumed = ratePerHour * clock.drawableHours(start, m.expiresAt());
                turns.add(new Turn(start, m.expiresAt(), Math.max(0, Math.round(left - consumed))));
                cursor = m.expiresAt();
            } else if (end < 0) {
                turns.add(new Turn(start, Observation.NONE, 0));
                beyond = true;
            } else {
                turns.add(new Turn(start, end, 0));
                cursor = end;
            }
        }
        long overage;
        if (!drawable) {
            overage = now;
        } else {
            overage = !known || beyond ? Observation.NONE : cursor;
        }
        return new Result(List.copyOf(turns), overage);
    }
}
