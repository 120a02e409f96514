package io.packwatch.streams.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffPeakClockTest {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final OffPeakClock BEIJING = OffPeakClock.of("00:00", "08:00", "Asia/Shanghai");
    private static final long TEN_YEARS = 3650 * DAY;

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void countsOnlyHoursInsideTheBeijingNightWindow() {
        // 00:00-08:00 Beijing is 16:00-24:00 UTC
        assertThat(BEIJING.drawableHours(at("2026-11-23T15:00:00Z"), at("2026-11-23T17:30:00Z"))).isEqualTo(1.5);
        assertThat(BEIJING.drawableHours(at("2026-11-24T00:00:00Z"), at("2026-11-24T16:00:00Z"))).isZero();
        assertThat(BEIJING.drawableHours(at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z"))).isEqualTo(56);
        assertThat(BEIJING.drawableHours(at("2026-11-24T00:00:00Z"), at("2026-11-23T00:00:00Z"))).isZero();
    }

    @Test
    void projectionStartingOutsideTheWindowWaitsForTheNextOne() {
        assertThat(BEIJING.instantAfter(at("2026-11-23T08:00:00Z"), 2, TEN_YEARS)).isEqualTo(at("2026-11-23T18:00:00Z"));
        assertThat(BEIJING.instantAfter(at("2026-11-23T20:00:00Z"), 6, TEN_YEARS)).isEqualTo(at("2026-11-24T18:00:00Z"));
        assertThat(BEIJING.instantAfter(at("2026-11-23T08:00:00Z"), 8 * 400, 30 * DAY)).isEqualTo(-1);
    }

    /** 00:00-08:00 Beijing is 16:00-24:00 UTC: what the rest of a window holds exactly ends with the window. */
    @Test
    void needingExactlyTheRestOfTheWindowEndsAtItsEnd() {
        assertThat(BEIJING.instantAfter(at("2026-11-23T16:00:00Z"), 8, TEN_YEARS)).isEqualTo(at("2026-11-24T00:00:00Z"));
        assertThat(BEIJING.instantAfter(at("2026-11-23T20:00:00Z"), 4, TEN_YEARS)).isEqualTo(at("2026-11-24T00:00:00Z"));
        assertThat(BEIJING.instantAfter(at("2026-11-23T20:00:00Z"), 5, TEN_YEARS)).isEqualTo(at("2026-11-24T17:00:00Z"));
    }

    @Test
    void theHorizonIsInclusiveAndAWindowRunningPastItIsBeyond() {
        assertThat(BEIJING.instantAfter(at("2026-11-23T08:00:00Z"), 2, 10 * HOUR)).isEqualTo(at("2026-11-23T18:00:00Z"));
        assertThat(BEIJING.instantAfter(at("2026-11-23T08:00:00Z"), 2, 10 * HOUR - 1)).isEqualTo(-1);
        // the window ends at 24:00 UTC, past the 20:00 horizon, with two of the ten hours still needed
        assertThat(BEIJING.instantAfter(at("2026-11-23T08:00:00Z"), 10, 12 * HOUR)).isEqualTo(-1);
    }

    @Test
    void eachClockDescribesItsDeductionPolicy() {
        assertThat(BEIJING).hasToString("OFF_PEAK 00:00-08:00 Asia/Shanghai");
        assertThat(FullTimeClock.INSTANCE).hasToString("FULL_TIME");
    }

    @Test
    void wrappingWindowAndInverseProperty() {
        OffPeakClock night = OffPeakClock.of("22:00", "06:00", "Europe/Berlin"); // has DST changes
        Random random = new Random(11);
        long base = at("2026-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            long from = base + (long) (random.nextDouble() * 365 * DAY);
            double hours = random.nextDouble() * 24 * 40;
            for (DrawableClock clock : new DrawableClock[] {night, BEIJING, FullTimeClock.INSTANCE}) {
                long to = clock.instantAfter(from, hours, TEN_YEARS);
                assertThat(clock.drawableHours(from, to)).as("%s from %d +%fh", clock, from, hours)
                        .isCloseTo(hours, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }
}
