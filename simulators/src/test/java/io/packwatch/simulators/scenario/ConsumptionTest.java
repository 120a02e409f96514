package io.packwatch.simulators.scenario;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsumptionTest {
    private static final double DAY = 86_400;
    /** 2024-07-16T16:00:00Z = 2024-07-17 00:00 Beijing. */
    private static final double BJ_MIDNIGHT = Instant.parse("2024-07-16T16:00:00Z").getEpochSecond();

    @Test
    void constantIsRateTimesTime() {
        assertThat(Consumption.constant(2).amount(100, 160)).isEqualTo(120);
        assertThat(Consumption.constant(2).amount(160, 100)).isZero();
    }

    @Test
    void diurnalAveragesToTheMeanOverWholeDaysAndPeaksAtThePeakHour() {
        Consumption d = Consumption.diurnal(1, 0.8, 21);
        assertThat(d.amount(BJ_MIDNIGHT, BJ_MIDNIGHT + 3 * DAY)).isCloseTo(3 * DAY, within(1e-6));
        double atPeak = d.amount(BJ_MIDNIGHT + 21 * 3600, BJ_MIDNIGHT + 21 * 3600 + 60);
        double atTrough = d.amount(BJ_MIDNIGHT + 9 * 3600, BJ_MIDNIGHT + 9 * 3600 + 60);
        assertThat(atPeak).isCloseTo(60 * 1.8, within(0.01));
        assertThat(atTrough).isCloseTo(60 * 0.2, within(0.01));
    }

    @Test
    void offPeakDrawsOnlyBetweenMidnightAndEightBeijing() {
        Consumption o = Consumption.offPeak(1);
        assertThat(o.amount(BJ_MIDNIGHT, BJ_MIDNIGHT + 8 * 3600)).isCloseTo(8 * 3600, within(1e-6));
        assertThat(o.amount(BJ_MIDNIGHT + 8 * 3600, BJ_MIDNIGHT + DAY)).isCloseTo(0, within(1e-6));
        assertThat(o.amount(BJ_MIDNIGHT - 3600, BJ_MIDNIGHT + 3600)).isCloseTo(3600, within(1e-6));
        assertThat(o.amount(BJ_MIDNIGHT, BJ_MIDNIGHT + 10 * DAY)).isCloseTo(10 * 8 * 3600, within(1e-6));
    }

    @Test
    void burstyAddsTheBurstsOnTopOfTheBase() {
        Consumption b = Consumption.bursty(1, 600, 60, 10);
        assertThat(b.amount(0, 600)).isCloseTo(600 + 9 * 60, within(1e-9));
        assertThat(b.amount(60, 600)).isCloseTo(540, within(1e-9));
        assertThat(b.amount(0, 30)).isCloseTo(300, within(1e-9));
    }

    @Test
    void steppedCountsWholeStepsOnly() {
        Consumption s = Consumption.stepped(Consumption.constant(1), 3600);
        assertThat(s.amount(0, 3599)).isZero();
        assertThat(s.amount(0, 3600)).isEqualTo(3600);
        assertThat(s.amount(0, 7199)).isEqualTo(3600);
    }
}
