package io.packwatch.simulators.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's notion of "now": the base clock, optionally sped up by a time-scale factor counted from the
 * moment the simulator started. Every timestamp and every usage figure the simulator serves derives from this,
 * so served data is self-consistent whatever the scale.
 */
public final class SimClock {
    private final Clock base;
    private final double scale;
    private final Instant baseStart;

    public SimClock(Clock base, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be a positive finite number, got " + scale);
        }
        this.base = base;
        this.scale = scale;
        this.baseStart = base.instant();
    }

    /** The simulated instant at which the simulator started; scenario times like "+2m" are relative to it. */
    public Instant epoch() { return baseStart; }

    public double scale() { return scale; }

    public Instant now() {
        Instant b = base.instant();
        if (scale == 1.0) return b;
        long elapsedNanos = Duration.between(baseStart, b).toNanos();
        return baseStart.plusNanos(Math.round(elapsedNanos * scale));
    }
}
