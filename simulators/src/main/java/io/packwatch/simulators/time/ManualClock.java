package io.packwatch.simulators.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, so simulated usage advances without waiting. Thread-safe. */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) { this.now = new AtomicReference<>(start); }

    public void advance(Duration d) { now.updateAndGet(i -> i.plus(d)); }

    public void set(Instant i) { now.set(i); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now.get(); }
}
