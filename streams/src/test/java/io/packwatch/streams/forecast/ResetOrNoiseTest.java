package io.packwatch.streams.forecast;

import static io.packwatch.streams.forecast.SyntheticSeries.DAY;
import static io.packwatch.streams.forecast.SyntheticSeries.HOUR;
import static io.packwatch.streams.forecast.SyntheticSeries.MINUTE;
import static io.packwatch.streams.forecast.SyntheticSeries.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of real reset opens a segment; each kind of noise extends the current one. */
class ResetOrNoiseTest {

    private static final ForecastSettings SETTINGS = ForecastSettings.defaults();
    private static final long CAPACITY = 100_000;
    private static final long EXPIRY = START + 30 * DAY;

    /** A history of 10 hourly samples, used 40,000 .. 49,000 (40-49% of capacity). */
    private static PackageHistory tenHours() {
        PackageHistory h = new PackageHistory();
        for (int i = 0; i < 10; i++) {
            h.offer(obs(START + i * HOUR, "p", CAPACITY, 40_000 + i * 1_000, EXPIRY), SETTINGS);
        }
        assertThat(h.segmentId()).isZero();
        return h;
    }

    private static Observation obs(long at, String id, long capacity, long used, long expiry) {
        return Observation.fullTime(at, id, capacity, used, expiry);
    }

    private static final long NEXT = START + 10 * HOUR;

    @Test
    void newPackageIdOpensASegment() {
        PackageHistory h = tenHours();
        assertThat(h.offer(obs(NEXT, "q", CAPACITY, 50_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.NEW_PACKAGE_ID);
    }

    @Test
    void newCycleOpensASegment() {
        PackageHistory h = tenHours();
        Observation o = new Observation(NEXT, "p", CAPACITY, 500, NEXT, NEXT + 30 * DAY, EXPIRY, FullTimeClock.INSTANCE);
        assertThat(h.offer(o, SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.NEW_CYCLE);
    }

    @Test
    void renewalOpensASegment() {
        PackageHistory h = tenHours();
        assertThat(h.offer(obs(NEXT, "p", CAPACITY, 50_000, EXPIRY + 30 * DAY), SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.RENEWED);
    }

    @Test
    void capacityChangeEitherWayOpensASegment() {
        PackageHistory h = tenHours();
        assertThat(h.offer(obs(NEXT, "p", 2 * CAPACITY, 50_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.CAPACITY_CHANGED);
        assertThat(h.offer(obs(NEXT + HOUR, "p", CAPACITY, 51_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.segmentId()).isEqualTo(2);
    }

    @Test
    void aDropToNearZeroOpensASegmentAtOnce() {
        PackageHistory h = tenHours();
        assertThat(h.offer(obs(NEXT, "p", CAPACITY, 800, EXPIRY), SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.USED_TO_ZERO);
        assertThat(h.sampleCount()).isEqualTo(1);
        assertThat(h.ewmaRate()).isNaN();
    }

    @Test
    void aLargeDropThatPersistsOpensASegmentAtItsFirstSample() {
        PackageHistory h = tenHours();
        // 49,000 -> 30,000: 19% of capacity, above the 5% default; held for the first two polls, confirmed by the third
        assertThat(h.offer(obs(NEXT, "p", CAPACITY, 30_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.HELD);
        assertThat(h.offer(obs(NEXT + HOUR, "p", CAPACITY, 31_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.HELD);
        assertThat(h.segmentId()).isZero();
        assertThat(h.heldSamples()).isEqualTo(2);
        assertThat(h.offer(obs(NEXT + 2 * HOUR, "p", CAPACITY, 32_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.USED_DROPPED);
        assertThat(h.segmentStartedAt()).isEqualTo(NEXT);
        assertThat(h.sampleCount()).isEqualTo(3);
        assertThat(h.ewmaRate()).isEqualTo(1_000);
        assertThat(h.heldSamples()).isZero();
    }

    @Test
    void aLargeDropThatDoesNotPersistIsAGlitchAndLeavesTheSegmentAsItWas() {
        PackageHistory h = tenHours();
        PackageHistory untouched = tenHours();
        assertThat(h.offer(obs(NEXT, "p", CAPACITY, 20_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.HELD);
        assertThat(h.offer(obs(NEXT + HOUR, "p", CAPACITY, 51_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.APPLIED);
        untouched.offer(obs(NEXT + HOUR, "p", CAPACITY, 51_000, EXPIRY), SETTINGS);
        assertThat(h.segmentId()).isZero();
        assertThat(h.heldSamples()).isZero();
        assertThat(PackageHistoryCodec.encode(h)).isEqualTo(PackageHistoryCodec.encode(untouched));
    }

    @Test
    void dropThresholdAndPollsAreConfigurable() {
        ForecastSettings strict = ForecastSettings.from(Map.of(
                "packwatch.forecast.reset.drop-percent", "2", "packwatch.forecast.reset.drop-polls", "1"));
        PackageHistory h = new PackageHistory();
        h.offer(obs(START, "p", CAPACITY, 40_000, EXPIRY), strict);
        h.offer(obs(START + HOUR, "p", CAPACITY, 41_000, EXPIRY), strict);
        // 3% of capacity: noise under the defaults, a reset at once under these settings
        assertThat(h.offer(obs(START + 2 * HOUR, "p", CAPACITY, 38_000, EXPIRY), strict)).isEqualTo(Acceptance.NEW_SEGMENT);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.USED_DROPPED);
        assertThatThrownBy(() -> ForecastSettings.from(Map.of("packwatch.forecast.reset.drop-polls", "0")))
                .hasMessageContaining("packwatch.forecast.reset.drop-polls");
        assertThatThrownBy(() -> ForecastSettings.from(Map.of("packwatch.forecast.reset.drop-percent", "x")))
                .hasMessageContaining("packwatch.forecast.reset.drop-percent must be a number");
    }

    @Test
    void smallDecreasesAreNoise() {
        PackageHistory h = tenHours();
        // 49,000 -> 45,500: 3.5% of capacity, under the 5% default
        assertThat(h.offer(obs(NEXT, "p", CAPACITY, 45_500, EXPIRY), SETTINGS)).isEqualTo(Acceptance.APPLIED);
        assertThat(h.segmentId()).isZero();
        assertThat(h.sampleCount()).isEqualTo(11);
    }

    @Test
    void repeatedValuesAreNoise() {
        PackageHistory h = tenHours();
        for (int i = 0; i < 5; i++) {
            assertThat(h.offer(obs(NEXT + i * MINUTE, "p", CAPACITY, 49_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.APPLIED);
        }
        assertThat(h.segmentId()).isZero();
    }

    @Test
    void outOfOrderAndDuplicateSamplesAreIgnoredNotResets() {
        PackageHistory h = tenHours();
        assertThat(h.offer(obs(START + 5 * HOUR + MINUTE, "p", CAPACITY, 45_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.OUT_OF_ORDER);
        assertThat(h.offer(obs(START + 9 * HOUR, "p", CAPACITY, 49_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.DUPLICATE);
        assertThat(h.segmentId()).isZero();
        assertThat(h.sampleCount()).isEqualTo(10);
    }

    @Test
    void aNoisyCounterNeverRestartsTheHistory() {
        java.util.Random random = new java.util.Random(11);
        PackageHistory h = new PackageHistory();
        long previous = 0;
        for (int i = 0; i < 5_000; i++) {
            long truth = 10_000 + i * 15L;
            // +-3% of the true amount, and 2% of polls repeat the previous report (a stale cache)
            long used = random.nextInt(50) == 0 ? previous : Math.round(truth * (1 + 0.03 * (2 * random.nextDouble() - 1)));
            assertThat(h.offer(obs(START + i * 5 * MINUTE, "p", CAPACITY, used, EXPIRY), SETTINGS).accepted()).isTrue();
            previous = used;
        }
        assertThat(h.segmentId()).isZero();
        assertThat(h.sampleCount()).isEqualTo(5_000);
    }

    @Test
    void aHistoryInTheLayoutBeforeTheNoiseRulesIsStillRead() throws Exception {
        // layout 1 as the previous release wrote it: no bucket sample count, daily samples or held samples
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder e = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        e.writeInt(1);
        e.writeInt(3);                          // segment id
        e.writeLong(START);                     // segment start
        e.writeInt(SegmentBreak.RENEWED.ordinal());
        e.writeString("p");
        e.writeLong(CAPACITY);
        e.writeLong(Observation.NONE);
        e.writeLong(Observation.NONE);
        e.writeLong(EXPIRY);
        e.writeInt(2);                          // samples
        e.writeDouble(1_000);                   // EWMA
        e.writeLong(START + HOUR);
        e.writeLong(41_000);
        for (int list = 0; list < 2; list++) {  // recent, then hourly: two points, delta-encoded
            e.writeInt(2);
            e.writeLong(START);
            e.writeLong(40_000);
            e.writeLong(HOUR);
            e.writeLong(1_000);
        }
        e.flush();
        PackageHistory h = PackageHistoryCodec.decode(out.toByteArray());
        assertThat(h.segmentId()).isEqualTo(3);
        assertThat(h.lastBreak()).isEqualTo(SegmentBreak.RENEWED);
        assertThat(h.recentSamples()).containsExactly(new Point(START, 40_000), new Point(START + HOUR, 41_000));
        assertThat(h.hourlyBuckets()).hasSize(2);
        assertThat(h.dailySamples()).isEmpty();
        // and it goes on from there as a layout-2 history
        assertThat(h.offer(obs(START + 2 * HOUR, "p", CAPACITY, 42_000, EXPIRY), SETTINGS)).isEqualTo(Acceptance.APPLIED);
        assertThat(PackageHistoryCodec.decode(PackageHistoryCodec.encode(h)).recentSamples()).hasSize(3);
    }
}
