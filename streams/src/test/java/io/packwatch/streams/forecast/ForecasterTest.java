package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.DAY;
import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;
import static io.packwatch.streams.forecast.SyntheticSeries.MINUTE;
import static io.packwatch.streams.forecast.SyntheticSeries.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ForecasterTest {

    private static final Logger LOG = LoggerFactory.getLogger(ForecasterTest.class);
    private static final long CAPACITY = 100_000_000_000L;
    /** Mean rate that empties CAPACITY in 20 days. */
    private static final double MEAN_RATE = CAPACITY / (20 * 24d);
    private static final ForecastSettings SETTINGS = ForecastSettings.defaults();
    private static final OffPeakClock BEIJING_NIGHT = OffPeakClock.of("00:00", "08:00", "Asia/Shanghai");

    static SyntheticSeries steady() {
        return new SyntheticSeries(CAPACITY, 30 * DAY, FullTimeClock.INSTANCE, t -> MEAN_RATE);
    }

    /** Peak at 20:00 Beijing (12:00Z), trough at 08:00 Beijing, amplitude 80% of the mean. */
    static SyntheticSeries diurnal() {
        return new SyntheticSeries(CAPACITY, 30 * DAY, FullTimeClock.INSTANCE,
                t -> MEAN_RATE * (1 + 0.8 * Math.cos(2 * Math.PI * ((t - 12 * HOUR) % DAY) / DAY)));
    }

    /**
     * Bursts: each minute, with probability 1/30, a burst worth 30 minutes of the mean rate on average (exponential
     * sizes); most 5-minute polls see nothing, some see a jump. Over a 36 h window the burst sum itself varies by
     * about sqrt(2/72) = 17%, which bounds what any estimator can do.
     */
    static SyntheticSeries bursty(long seed) {
        Random random = new Random(seed);
        return new SyntheticSeries(CAPACITY, 30 * DAY, FullTimeClock.INSTANCE,
                t -> random.nextInt(30) == 0 ? MEAN_RATE * 30 * -Math.log(1 - random.nextDouble()) : 0);
    }

    /**
     * Drawn only 00:00-08:00 Beijing, at 3.1x the mean rate there (about 19.4 days of usage; not a whole number of
     * nights, so the true depletion falls inside a window rather than exactly on its end).
     */
    static SyntheticSeries offPeak() {
        return new SyntheticSeries(CAPACITY, 30 * DAY, BEIJING_NIGHT,
                t -> BEIJING_NIGHT.drawableHours(t, t + MINUTE) > 0 ? MEAN_RATE * OFF_PEAK_FACTOR : 0);
    }

    private static final double OFF_PEAK_FACTOR = 3.1;

    private static List<Long> irregularPolls(SyntheticSeries s) {
        return s.pollTimes(5 * MINUTE, 2 * MINUTE, s.expiresAt, 42);
    }

    @Test
    void steadySeriesForecastsTheExactDepletionOnIrregularPolls() {
        SyntheticSeries s = steady();
        ForecastAccuracy.Score score = ForecastAccuracy.score("steady", s, irregularPolls(s), START + 2 * HOUR, SETTINGS);
        LOG.info(score.line());
        assertThat(score.oursMeanRelError()).isLessThan(0.005);
        assertThat(score.oursLastAbsErrorHours()).isLessThan(0.25);
    }

    @Test
    void diurnalSeriesConvergesToTheTrueDepletion() {
        SyntheticSeries s = diurnal();
        ForecastAccuracy.Score score = ForecastAccuracy.score("diurnal", s, irregularPolls(s), START + 2 * DAY, SETTINGS);
        LOG.info(score.line());
        assertThat(score.oursMeanRelError()).isLessThan(0.05);
        assertThat(score.oursLastAbsErrorHours()).isLessThan(3);
        assertThat(score.oursMeanRelError()).isLessThan(score.baselineMeanRelError() / 3);
    }

    @Test
    void burstySeriesConvergesForManySeeds() {
        for (long seed = 1; seed <= 5; seed++) {
            SyntheticSeries s = bursty(seed);
            ForecastAccuracy.Score score = ForecastAccuracy.score("bursty#" + seed, s, irregularPolls(s), START + 2 * DAY, SETTINGS);
            LOG.info(score.line());
            assertThat(score.oursMeanRelError()).as("seed %d", seed).isLessThan(0.25);
            assertThat(score.oursLastAbsErrorHours()).as("seed %d", seed).isLessThan(8);
            assertThat(score.oursMeanRelError()).as("seed %d", seed).isLessThan(score.baselineMeanRelError());
        }
    }

    @Test
    void offPeakSeriesProjectsThroughDrawableHoursOnly() {
        SyntheticSeries s = offPeak();
        ForecastAccuracy.Score score = ForecastAccuracy.score("off-peak", s, irregularPolls(s), START + 2 * DAY, SETTINGS);
        LOG.info(score.line());
        assertThat(score.oursMeanRelError()).isLessThan(0.02);
        assertThat(score.oursLastAbsErrorHours()).isLessThan(1);
        assertThat(score.oursMeanRelError()).isLessThan(score.baselineMeanRelError() / 5);

        // depletion always lands inside a drawing window
        PackageHistory h = new PackageHistory();
        Forecaster forecaster = new Forecaster(SETTINGS);
        Forecast f = null;
        for (long t : irregularPolls(s)) {
            if (t > START + 5 * DAY) {
                break;
            }
            h.offer(s.observe(t), SETTINGS);
            f = forecaster.forecast(h, s.observe(t));
        }
        assertThat(f.hasDepletion()).isTrue();
        assertThat(BEIJING_NIGHT.drawableHours(f.depletionAt() - MINUTE, f.depletionAt())).isPositive();
        assertThat(f.ratePerHour()).isCloseTo(MEAN_RATE * OFF_PEAK_FACTOR, org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void lighthouseCycleResetStartsANewSegmentAndNeverYieldsANegativeRate() {
        long cycle = 10 * DAY;
        // the series' own capacity is 10x so its cumulative usage never saturates across the three cycles
        SyntheticSeries s = new SyntheticSeries(10 * CAPACITY, 30 * DAY, FullTimeClock.INSTANCE, t -> MEAN_RATE);
        PackageHistory h = new PackageHistory();
        Forecaster forecaster = new Forecaster(SETTINGS);
        int segments = 0;
        for (long t : s.pollTimes(5 * MINUTE, 2 * MINUTE, START + 30 * DAY - HOUR, 42)) {
            long cycleIndex = (t - START) / cycle;
            long cycleStart = START + cycleIndex * cycle;
            long used = s.usedAt(t) - s.usedAt(cycleStart);
            Observation o = new Observation(t, "lhtfp-1", CAPACITY, used, cycleStart, cycleStart + cycle,
                    START + 90 * DAY, FullTimeClock.INSTANCE);
            if (h.offer(o, SETTINGS) == Acceptance.NEW_SEGMENT) {
                segments++;
                assertThat(h.lastBreak()).isIn(SegmentBreak.FIRST_OBSERVATION, SegmentBreak.NEW_CYCLE);
            }
            Forecast f = forecaster.forecast(h, o);
            assertRatesNotNegative(f);
            if (f.hasProjection()) {
                assertThat(f.ratePerHour()).isCloseTo(MEAN_RATE, org.assertj.core.data.Percentage.withPercentage(1));
            }
        }
        assertThat(segments).isEqualTo(3);
        assertThat(h.segmentId()).isEqualTo(2);
    }

    @Test
    void resetsNeverProduceNegativeRatesOnRandomSeries() {
        Random random = new Random(7);
        for (int run = 0; run < 40; run++) {
            PackageHistory h = new PackageHistory();
            Forecaster forecaster = new Forecaster(SETTINGS);
            long t = START;
            long used = 0;
            long capacity = 1_000_000;
            for (int i = 0; i < 400; i++) {
                t += 1 + random.nextInt(20 * (int) MINUTE);
                int dice = random.nextInt(100);
                if (dice < 3) {
                    used = random.nextInt((int) Math.max(1, used + 1)); // reset / partial refund
                } else if (dice < 5) {
                    capacity += random.nextInt(500_000);
                } else {
                    used = Math.min(capacity, used + random.nextInt(2_000));
                }
                Observation o = Observation.fullTime(t, "p", capacity, used, START + 60 * DAY);
                h.offer(o, SETTINGS);
                Forecast f = forecaster.forecast(h, o);
                assertRatesNotNegative(f);
                assertThat(f.percentUsed()).isBetween(0d, 100d);
                if (f.hasDepletion()) {
                    assertThat(f.depletionAt()).isGreaterThanOrEqualTo(t);
                }
            }
        }
    }

    @Test
    void outOfOrderAndDuplicateSnapshotsAreIgnoredAndChangeNothing() {
        SyntheticSeries s = diurnal();
        List<Long> polls = irregularPolls(s).subList(0, 1500);
        PackageHistory clean = new PackageHistory();
        polls.forEach(t -> clean.offer(s.observe(t), SETTINGS));

        // the same stream with every 10th snapshot delivered twice and every 7th re-delivered late (out of order)
        List<Long> messy = new ArrayList<>();
        for (int i = 0; i < polls.size(); i++) {
            messy.add(polls.get(i));
            if (i % 10 == 0) {
                messy.add(polls.get(i));
            }
            if (i % 7 == 0 && i > 3) {
                messy.add(polls.get(i - 3));
            }
        }
        PackageHistory h = new PackageHistory();
        int ignored = 0;
        for (long t : messy) {
            Acceptance a = h.offer(s.observe(t), SETTINGS);
            ignored += a.accepted() ? 0 : 1;
        }
        assertThat(ignored).isEqualTo(messy.size() - polls.size());
        Observation last = s.observe(polls.get(polls.size() - 1));
        Forecast expected = new Forecaster(SETTINGS).forecast(clean, last);
        assertThat(new Forecaster(SETTINGS).forecast(h, last)).isEqualTo(expected);
        assertThat(PackageHistoryCodec.encode(h)).isEqualTo(PackageHistoryCodec.encode(clean));
    }

    @Test
    void noForecastBeforeTheMinimumHistory() {
        ForecastSettings settings = ForecastSettings.from(java.util.Map.of(
                "packwatch.forecast.min-samples", "4", "packwatch.forecast.min-span", "PT30M",
                // the level is then the latest sample alone, which the expected figures below start from
                "packwatch.forecast.level-window", "PT1M"));
        PackageHistory h = new PackageHistory();
        Forecaster forecaster = new Forecaster(settings);
        long t = START;
        long[] used = {0, 10, 20, 30, 40};
        long[] gaps = {0, 10 * MINUTE, 10 * MINUTE, 5 * MINUTE, 10 * MINUTE};
        List<Method> methods = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            t += gaps[i];
            Observation o = Observation.fullTime(t, "p", 1000, used[i], START + DAY);
            h.offer(o, settings);
            methods.add(forecaster.forecast(h, o).method());
        }
        // 4 samples reached at 25 min (< min span), both reached at 35 min
        assertThat(methods).containsExactly(Method.NONE, Method.NONE, Method.NONE, Method.NONE, Method.EWMA);
        Forecast f = forecaster.forecast(h, Observation.fullTime(t, "p", 1000, 40, START + DAY));
        // interval rates were 60, 60, 120, 60 per hour; the EWMA lies between them
        assertThat(f.ratePerHour()).isEqualTo(f.ewmaRatePerHour()).isBetween(60d, 120d);
        assertThat(f.depletionAt()).isEqualTo(t + Math.round(960 / f.ratePerHour() * HOUR));
        assertThat(f.remainingAtExpiry()).isEqualTo(Math.max(0, Math.round(960 - f.ratePerHour() * (DAY - 35 * MINUTE) / (double) HOUR)));
        assertThat(f.timeToExpiryMillis()).isEqualTo(DAY - 35 * MINUTE);
        assertThat(f.percentUsed()).isEqualTo(4.0);
        assertThat(f.sampleCount()).isEqualTo(5);
        assertThat(f.confidence()).isBetween(0d, 1d);
    }

    @Test
    void slopeIsUsedOnceItSpansEnoughAndBothRatesAreReported() {
        SyntheticSeries s = steady();
        PackageHistory h = new PackageHistory();
        Forecaster forecaster = new Forecaster(SETTINGS);
        Forecast early = null;
        Forecast late = null;
        for (long t : irregularPolls(s)) {
            h.offer(s.observe(t), SETTINGS);
            if (early == null && t >= START + HOUR) {
                early = forecaster.forecast(h, s.observe(t));
            }
            if (t >= START + 2 * DAY) {
                late = forecaster.forecast(h, s.observe(t));
                break;
            }
        }
        assertThat(early.method()).isEqualTo(Method.EWMA);
        assertThat(late.method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(late.ewmaRatePerHour()).isCloseTo(MEAN_RATE, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(late.slopeRatePerHour()).isCloseTo(MEAN_RATE, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(late.confidence()).isGreaterThan(early.confidence()).isGreaterThan(0.9);
    }

    @Test
    void wasteAtExpiryCountsOnlyDrawableHours() {
        // 1000 units left, 10 units per drawable hour, expiry in 3 days: 24 drawable hours -> 760 wasted
        PackageHistory h = new PackageHistory();
        Forecaster forecaster = new Forecaster(SETTINGS);
        long base = START + 16 * HOUR; // 00:00 Beijing
        Observation o = null;
        for (int i = 0; i <= 8; i++) {
            long t = base + i * HOUR;
            o = new Observation(t, "p", 2000, 1000 - 80 + i * 10, Observation.NONE, Observation.NONE,
                    base + 8 * HOUR + 3 * DAY, BEIJING_NIGHT);
            h.offer(o, SETTINGS);
        }
        Forecast f = forecaster.forecast(h, o);
        assertThat(f.ratePerHour()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.remainingAtExpiry()).isEqualTo(1000 - 10 * 24);
        // depletion after 100 drawable hours = 12 nights and 4 hours into the 13th
        assertThat(f.depletionAt()).isEqualTo(base + 13 * DAY + 4 * HOUR);
    }

    @Test
    void historyIsBoundedAndSmallWhenSerialized() {
        SyntheticSeries s = diurnal();
        PackageHistory h = new PackageHistory();
        for (long t : s.pollTimes(MINUTE, 0, START + 14 * DAY, 1)) {
            h.offer(s.observe(t), SETTINGS);
        }
        assertThat(h.recentSamples()).hasSize(SETTINGS.recentSamples());
        assertThat(h.hourlyBuckets()).hasSizeLessThanOrEqualTo((int) Duration.ofDays(7).toHours() + 1);
        byte[] bytes = PackageHistoryCodec.encode(h);
        LOG.info("serialized history at full size: {} bytes ({} recent samples, {} hourly buckets)",
                bytes.length, h.recentSamples().size(), h.hourlyBuckets().size());
        assertThat(bytes.length).isLessThan(2_500);
        PackageHistory back = PackageHistoryCodec.decode(bytes);
        assertThat(PackageHistoryCodec.encode(back)).isEqualTo(bytes);
        Observation last = s.observe(h.latest().at());
        assertThat(new Forecaster(SETTINGS).forecast(back, last)).isEqualTo(new Forecaster(SETTINGS).forecast(h, last));
    }

    @Test
    void baselineComparisonAcrossScenarios() {
        List<ForecastAccuracy.Score> scores = new ArrayList<>();
        for (var entry : List.<java.util.Map.Entry<String, SyntheticSeries>>of(
                java.util.Map.entry("steady", steady()), java.util.Map.entry("diurnal", diurnal()),
                java.util.Map.entry("bursty", bursty(3)), java.util.Map.entry("off-peak", offPeak()))) {
            SyntheticSeries s = entry.getValue();
            scores.add(ForecastAccuracy.score(entry.getKey(), s, irregularPolls(s), START + 2 * DAY, SETTINGS));
        }
        scores.forEach(sc -> LOG.info(sc.line()));
        double ours = scores.stream().mapToDouble(ForecastAccuracy.Score::oursMeanRelError).average().orElseThrow();
        double base = scores.stream().mapToDouble(ForecastAccuracy.Score::baselineMeanRelError).average().orElseThrow();
        LOG.info(String.format(java.util.Locale.ROOT, "mean relative depletion error: packwatch %.2f%%, predict_linear(6h) %.2f%%",
                100 * ours, 100 * base));
        assertThat(ours).isLessThan(base / 3);
    }

    private static void assertRatesNotNegative(Forecast f) {
        if (!Double.isNaN(f.ewmaRatePerHour())) {
            assertThat(f.ewmaRatePerHour()).isGreaterThanOrEqualTo(0);
        }
        if (!Double.isNaN(f.slopeRatePerHour())) {
            assertThat(f.slopeRatePerHour()).isGreaterThanOrEqualTo(0);
        }
        if (f.hasProjection()) {
            assertThat(f.ratePerHour()).isGreaterThanOrEqualTo(0);
        }
    }

}
