package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.DAY;
import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;
import static io.packwatch.streams.forecast.SyntheticSeries.MINUTE;
import static io.packwatch.streams.forecast.SyntheticSeries.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a history keeps, how much of it, and the figures it derives, on small series with known answers. */
class PackageHistoryBoundsTest {

    private static final ForecastSettings SETTINGS = ForecastSettings.defaults();
    private static final long CAPACITY = 100_000;
    private static final long EXPIRY = START + 60 * DAY;

    private static Acceptance offer(PackageHistory h, long at, long used) {
        return h.offer(Observation.fullTime(at, "p", CAPACITY, used, EXPIRY), SETTINGS);
    }

    /**
     * A drop is measured from the median of the last five samples, so one high glitch in the middle of them does not
     * make the next ordinary sample look like a 89 % drop.
     */
    @Test
    void aHighGlitchAmongTheLastFiveIsNotTheReferenceOfADrop() {
        PackageHistory h = new PackageHistory();
        long[] used = {1_000, 1_010, 90_000, 1_030, 1_040};
        for (int i = 0; i < used.length; i++) {
            assertThat(offer(h, START + i * HOUR, used[i])).isEqualTo(i == 0 ? Acceptance.NEW_SEGMENT : Acceptance.APPLIED);
        }
        assertThat(offer(h, START + 5 * HOUR, 1_050)).isEqualTo(Acceptance.APPLIED);
        assertThat(h.heldSamples()).isZero();
    }

    @Test
    void samplesOfOneHourAreAveragedIntoOneBucket() {
        PackageHistory h = new PackageHistory();
        offer(h, START, 100);
        offer(h, START + 20 * MINUTE, 130);
        offer(h, START + 40 * MINUTE, 190);
        offer(h, START + HOUR, 200);

        assertThat(h.hourlyBuckets()).containsExactly(new Point(START + 20 * MINUTE, 140), new Point(START + HOUR, 200));
        assertThat(h.recentSamples()).hasSize(4);
    }

    /** Hourly for 200 hours: the buckets of the last 168 hours and of the hour 168 hours back, 169 in all. */
    @Test
    void bucketsAreKeptForTheRetentionAndRecentSamplesUpToTheirNumber() {
        PackageHistory h = new PackageHistory();
        for (int i = 0; i < 200; i++) {
            offer(h, START + i * HOUR, 10L * i);
        }

        assertThat(h.hourlyBuckets()).hasSize(169);
        assertThat(h.hourlyBuckets().get(0).at()).isEqualTo(START + 31 * HOUR);
        assertThat(h.recentSamples()).hasSize(32);
        assertThat(h.recentSamples().get(0).at()).isEqualTo(START + 168 * HOUR);
        assertThat(h.dailySamples()).hasSize(9);
        assertThat(h.sampleCount()).isEqualTo(200);
    }

    /** A new segment forgets the buckets and days of the one before. */
    @Test
    void aNewSegmentStartsItsBucketsAndDaysAfresh() {
        PackageHistory h = new PackageHistory();
        for (int i = 0; i < 60; i++) {
            offer(h, START + i * HOUR, 10L * i);
        }
        assertThat(h.offer(Observation.fullTime(START + 60 * HOUR, "p", CAPACITY, 700, EXPIRY + DAY), SETTINGS))
                .isEqualTo(Acceptance.NEW_SEGMENT);

        assertThat(h.hourlyBuckets()).containsExactly(new Point(START + 60 * HOUR, 700));
        assertThat(h.dailySamples()).containsExactly(new Point(START + 60 * HOUR, 700));
        assertThat(h.recentSamples()).containsExactly(new Point(START + 60 * HOUR, 700));
        assertThat(h.sampleCount()).isEqualTo(1);
        assertThat(h.ewmaRate()).isNaN();
    }

    /**
     * With a 2 h half-life, an interval of 2 h weighs 1 - 2^-1 = 1/2: rates 100 then 300 per hour give 200; a third
     * interval of 4 h at 0 per hour weighs 3/4: 200 + 3/4 * (0 - 200) = 50.
     */
    @Test
    void theEwmaWeighsEachIntervalByItsLengthAgainstTheHalfLife() {
        ForecastSettings settings = ForecastSettings.from(Map.of(ForecastSettings.PREFIX + "ewma-half-life", "PT2H"));
        PackageHistory h = new PackageHistory();
        h.offer(Observation.fullTime(START, "p", CAPACITY, 0, EXPIRY), settings);
        h.offer(Observation.fullTime(START + 2 * HOUR, "p", CAPACITY, 200, EXPIRY), settings);
        assertThat(h.ewmaRate()).isCloseTo(100, within(1e-9));
        h.offer(Observation.fullTime(START + 4 * HOUR, "p", CAPACITY, 800, EXPIRY), settings);
        assertThat(h.ewmaRate()).isCloseTo(200, within(1e-9));
        h.offer(Observation.fullTime(START + 8 * HOUR, "p", CAPACITY, 800, EXPIRY), settings);
        assertThat(h.ewmaRate()).isCloseTo(50, within(1e-9));
        assertThat(settings.ewmaHalfLife()).isEqualTo(Duration.ofHours(2));
    }

    /**
     * 100 per hour for 40 hours, then 50 per hour: the regression looks back over the 36 h window only, so it sees
     * the new rate alone.
     */
    @Test
    void theSlopeLooksBackOverItsWindowOnly() {
        PackageHistory h = new PackageHistory();
        Forecast f = null;
        for (int i = 0; i <= 80; i++) {
            long used = i <= 40 ? 100L * i : 4_000 + 50L * (i - 40);
            Observation o = Observation.fullTime(START + i * HOUR, "p", CAPACITY, used, EXPIRY);
            h.offer(o, SETTINGS);
            f = new Forecaster(SETTINGS).forecast(h, o);
        }

        assertThat(h.slopePoints(SETTINGS.slopeWindow().toMillis())).hasSize(37)
                .allMatch(p -> p.at() >= START + 44 * HOUR);
        assertThat(f.slopeRatePerHour()).isCloseTo(50, within(1e-6));
    }

    /** Four samples a day for 40 days: the last sample of each of the last 29 calendar days (UTC+8) is kept. */
    @Test
    void dailySamplesAreKeptForTwentyNineDays() {
        PackageHistory h = new PackageHistory();
        for (int i = 0; i < 160; i++) {
            offer(h, START + i * 6 * HOUR, 10L * i);
        }
        assertThat(h.dailySamples()).hasSize(29);
        assertThat(h.dailySamples().get(28)).isEqualTo(new Point(START + 159 * 6 * HOUR, 1_590));
    }

    /** An unconfirmed drop survives a restart: the restored history still holds it back and confirms it later. */
    @Test
    void heldSamplesAreStoredWithTheHistory() {
        PackageHistory h = new PackageHistory();
        for (int i = 0; i < 5; i++) {
            offer(h, START + i * HOUR, 50_000 + i);
        }
        assertThat(offer(h, START + 5 * HOUR, 20_000)).isEqualTo(Acceptance.HELD);

        PackageHistory restored = PackageHistoryCodec.decode(PackageHistoryCodec.encode(h));

        assertThat(restored.heldSamples()).isEqualTo(1);
        assertThat(offer(restored, START + 6 * HOUR, 20_100)).isEqualTo(Acceptance.HELD);
        assertThat(offer(restored, START + 7 * HOUR, 20_200)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(restored.segmentStartedAt()).isEqualTo(START + 5 * HOUR);
    }
}
