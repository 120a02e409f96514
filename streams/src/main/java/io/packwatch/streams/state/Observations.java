package io.packwatch.streams.state;

import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.LocalTimeWindow;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.forecast.DrawableClock;
import io.packwatch.streams.forecast.FullTimeClock;
import io.packwatch.streams.forecast.Observation;
import io.packwatch.streams.forecast.OffPeakClock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Maps an Avro snapshot to the forecast's {@link Observation}, with the drawable-time clock of its deduct policy. */
final class Observations {

    private static final Map<LocalTimeWindow, DrawableClock> CLOCKS = new ConcurrentHashMap<>();

    private Observations() {
    }

    static Observation of(PackageSnapshot s) {
        return new Observation(s.getObservedAt().toEpochMilli(), s.getPackageId(), s.getCapacity(), s.getUsed(),
                millis(s.getCycleStart()), millis(s.getCycleEnd()), millis(s.getExpiresAt()), clock(s));
    }

    /** OFF_PEAK with a window is drawn only inside it; anything else (FULL_TIME, UNKNOWN, no window) at any hour. */
    static DrawableClock clock(PackageSnapshot s) {
        LocalTimeWindow w = s.getOffPeakWindow();
        if (s.getDeductPolicy() != DeductPolicy.OFF_PEAK || w == null) {
            return FullTimeClock.INSTANCE;
        }
        return CLOCKS.computeIfAbsent(w, window -> OffPeakClock.of(window.getStart(), window.getEnd(), window.getZone()));
    }

    private static long millis(Instant i) {
        return i == null ? Observation.NONE : i.toEpochMilli();
    }
}
