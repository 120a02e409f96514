package io.packwatch.streams.state;

import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.ForecastMethod;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.Severity;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.http.BadParameter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw envelopes in, package state and alert transitions out, through the production topology. */
class StateAndAlertsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String VPC_KEY = "tencent-vpc/acme/ap-guangzhou/tfp-a";
    private static final String LH_KEY = "tencent-lighthouse/acme/ap-guangzhou/lhins-1/lhtfp-1";
    private static final String BAIDU_KEY = "baidu-eip/acme/bj/tp-exp";
    private static final String LIVE_KEY = "tencent-live/acme/-/777";
    private static final long GIB = 1L << 30;

    @TempDir
    Path stateDir;
    private StateFixture fx;

    @BeforeEach
    void start() {
        fx = new StateFixture(stateDir, Map.of());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** VPC: 100 GB package, 50 GB used at T0, 1 GB per hour, polled every 10 minutes, expiring in 30 days. */
    private void vpc(Instant at, double usedGb) {
        BigDecimal used = BigDecimal.valueOf(usedGb).setScale(4, RoundingMode.HALF_UP).min(BigDecimal.valueOf(100));
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"tfp-a","TrafficPackageName":"web","TotalAmount":100,"Status":"%s",
                 "CreatedTime":"2026-10-01T00:00:00Z","Deadline":"%s","DeductType":"FULL_TIME","TagSet":[]}"""
                .formatted(used.compareTo(BigDecimal.valueOf(100)) >= 0 ? "EXHAUSTED" : "AVAILABLE", T0.plus(Duration.ofDays(30))));
        item.put("UsedAmount", used);
        item.put("RemainingAmount", BigDecimal.valueOf(100).subtract(used));
        fx.pipe(VendorApi.TENCENT_VPC, VPC_KEY, pkg("tencent-vpc", "acme", "ap-guangzhou", "p-" + at.toEpochMilli(), at, item), at);
    }

    private static List<String> summary(List<PackageAlert> alerts) {
        return alerts.stream().map(a -> a.getAlertKey().substring(a.getPackageKey().length()) + " " + a.getState() + " " + a.getSeverity()).toList();
    }

    @Test
    void vpcSeriesRaisesUsageBandsDepletionForecastAndExhaustedOncePerEpisode() {
        for (int i = 0; i <= 310; i++) {
            vpc(T0.plus(Duration.ofMinutes(10L * i)), 50 + i / 6.0);
        }
        List<TestRecord<String, PackageAlert>> records = fx.depletion.readRecordsToList();
        List<PackageAlert> alerts = records.stream().map(TestRecord::value).toList();
        // the package is its pool's only member: the pool's overage comes with its depletion, on the pool key, and
        // first, since the package's own is decided by the pool's verdict on the way back
        assertThat(summary(alerts)).containsExactly(
                "#OVERAGE_FORECAST FIRING WARNING",
                "#DEPLETION_FORECAST FIRING WARNING",
                "#OVERAGE_FORECAST FIRING CRITICAL",
                "#DEPLETION_FORECAST FIRING CRITICAL",
                "#USAGE_THRESHOLD#80 FIRING INFO",
                "#USAGE_THRESHOLD#90 FIRING WARNING",
                "#EXHAUSTED FIRING CRITICAL",
                "#USAGE_THRESHOLD#100 FIRING CRITICAL");
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getAlertKey()));
        assertThat(alerts).allSatisfy(a -> assertThat(a.getPoolKey()).isEqualTo("tencent-vpc/acme/ap-guangzhou/TRAFFIC/FULL_TIME"));
        assertThat(alerts.get(0).getPackageKey()).isEqualTo(alerts.get(0).getPoolKey());
        assertThat(fx.expiryAlerts()).isEmpty();

        PackageAlert critical = alerts.get(3);
        Instant trueDepletion = T0.plus(Duration.ofHours(50));
        assertThat(critical.getProjectedDepletionAt()).isBetween(trueDepletion.minusSeconds(600), trueDepletion.plusSeconds(600));
        assertThat(critical.getRatePerHour()).isCloseTo(GIB, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(Duration.between(critical.getObservedAt(), critical.getProjectedDepletionAt())).isLessThanOrEqualTo(Duration.ofHours(24));
        assertThat(critical.getEventId()).isEqualTo(io.packwatch.streams.alerts.AlertStateMachine.eventId(
                VPC_KEY + "#DEPLETION_FORECAST", 2, AlertState.FIRING, Severity.CRITICAL));
        assertThat(critical.getMessage()).startsWith("FIRING CRITICAL DEPLETION_FORECAST " + VPC_KEY + " (web): projected to run out ")
                .doesNotContain("\n");
        assertThat(critical.getDetectedAt()).isEqualTo(critical.getObservedAt());

        List<PackageState> states = fx.states.readValuesToList();
        assertThat(states).hasSize(311);
        PackageState mid = states.get(150);
        assertThat(mid.getForecastMethod()).isEqualTo(ForecastMethod.LEAST_SQUARES);
        assertThat(mid.getRateEwmaPerHour()).isCloseTo(GIB, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(mid.getRateSlopePerHour()).isCloseTo(GIB, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(mid.getPercentUsed()).isCloseTo(75, org.assertj.core.data.Offset.offset(0.01));
        assertThat(mid.getSampleCount()).isEqualTo(151);
        assertThat(mid.getConfidence()).isGreaterThan(0.5);
        assertThat(mid.getTimeToExpiryMillis()).isEqualTo(Duration.ofDays(30).minusMinutes(1500).toMillis());
        assertThat(mid.getProjectedRemainingAtExpiry()).isZero();
        assertThat(states.get(0).getForecastMethod()).isEqualTo(ForecastMethod.NONE);
        KeyValueStore<String, PackageTracking> store = fx.driver.getKeyValueStore(PackageStore.NAME);
        assertThat(store.get(VPC_KEY).state()).isEqualTo(states.get(states.size() - 1));
    }

    @Test
    void replayedAndOutOfOrderEnvelopesEmitNothing() {
        for (int i = 0; i <= 200; i++) {
            vpc(T0.plus(Duration.ofMinutes(10L * i)), 50 + i / 6.0);
        }
        List<PackageAlert> first = fx.depletionAlerts();
        fx.states.readRecordsToList();
        assertThat(first).isNotEmpty();
        // the collector re-publishes old polls (a replay) and a late page arrives out of order
        for (int i = 150; i <= 200; i++) {
            vpc(T0.plus(Duration.ofMinutes(10L * i)), 50 + i / 6.0);
        }
        vpc(T0.plus(Duration.ofMinutes(10L * 120 + 5)), 70.5);
        assertThat(fx.depletionAlerts()).isEmpty();
        assertThat(fx.states.isEmpty()).isTrue();
    }

    @Test
    void lighthouseOverflowNetworkDisabledAndANewCycleThatResolvesWithoutCountingTheReset() {
        lighthouse(T0, 400 * GIB, 0, "NETWORK_NORMAL", "2026-11-01T00:00:00Z");
        lighthouse(T0.plusSeconds(600), 501 * GIB, GIB, "OVERDUE_NETWORK_DISABLED", "2026-11-01T00:00:00Z");
        lighthouse(T0.plusSeconds(1200), 502 * GIB, 2 * GIB, "OVERDUE_NETWORK_DISABLED", "2026-11-01T00:00:00Z");
        // 80% at the first snapshot, so band 80 is confirmed by the second, with the vendor-status alerts
        assertThat(summary(fx.depletionAlerts())).containsExactly(
                "#USAGE_THRESHOLD#80 FIRING INFO",
                "#EXHAUSTED FIRING CRITICAL",
                "#OVERFLOW FIRING WARNING",
                "#NETWORK_DISABLED FIRING CRITICAL",
                "#USAGE_THRESHOLD#90 FIRING WARNING",
                "#USAGE_THRESHOLD#100 FIRING CRITICAL");
        // next monthly cycle: used restarts near zero, no overflow, network back
        lighthouse(T0.plusSeconds(1800), GIB, 0, "NETWORK_NORMAL", "2026-12-01T00:00:00Z");
        lighthouse(T0.plusSeconds(2400), 2 * GIB, 0, "NETWORK_NORMAL", "2026-12-01T00:00:00Z");
        assertThat(summary(fx.depletionAlerts())).containsExactly(
                "#EXHAUSTED RESOLVED CRITICAL",
                "#OVERFLOW RESOLVED WARNING",
                "#NETWORK_DISABLED RESOLVED CRITICAL",
                "#USAGE_THRESHOLD#80 RESOLVED INFO",
                "#USAGE_THRESHOLD#90 RESOLVED WARNING",
                "#USAGE_THRESHOLD#100 RESOLVED CRITICAL");
        List<PackageState> states = fx.states.readValuesToList();
        PackageState afterReset = states.get(3);
        assertThat(afterReset.getSegmentId()).isEqualTo(states.get(2).getSegmentId() + 1);
        assertThat(afterReset.getSampleCount()).isEqualTo(1);
        assertThat(afterReset.getRateEwmaPerHour()).isNull();
        assertThat(states.get(4).getRateEwmaPerHour()).isCloseTo(6.0 * GIB, org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    private void lighthouse(Instant at, long used, long overflow, String status, String cycleStart) {
        long total = 500 * GIB;
        Instant start = Instant.parse(cycleStart);
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"lhtfp-1","TrafficUsed":%d,"TrafficPackageTotal":%d,"TrafficPackageRemaining":%d,
                 "TrafficOverflow":%d,"StartTime":"%s","EndTime":"%s","Deadline":"2027-11-01T00:00:00Z","Status":"%s"}"""
                .formatted(used, total, Math.max(0, total - used), overflow, start, start.plus(Duration.ofDays(30)), status));
        ObjectNode env = pkg("tencent-lighthouse", "acme", "ap-guangzhou", "lh-" + at.toEpochMilli(), at, item);
        env.put("instanceId", "lhins-1");
        fx.pipe(VendorApi.TENCENT_LIGHTHOUSE, LH_KEY, env, at);
    }

    @Test
    void baiduPackageExpiringWithCapacityLeftGoesToTheExpiryTopic() {
        Instant expiresAt = T0.plus(Duration.ofDays(3));
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * i));
            ObjectNode item = (ObjectNode) json("""
                    {"id":"tp-exp","deductPolicy":"FullTimeDurationPackage","packageType":"WebOutBytes","status":"RUNNING",
                     "capacity":%d,"usedCapacity":%d,"createTime":"2026-10-01T00:00:00Z","activeTime":"2026-10-01T00:00:00Z",
                     "expireTime":"%s"}""".formatted(10 * GIB, GIB + i * 1024L, expiresAt));
            fx.pipe(VendorApi.BAIDU_EIP, BAIDU_KEY, pkg("baidu-eip", "acme", "bj", "bd-" + i, at, item), at);
        }
        List<TestRecord<String, PackageAlert>> expiry = fx.expiry.readRecordsToList();
        assertThat(expiry).extracting(TestRecord::key, r -> r.value().getType(), r -> r.value().getState(), r -> r.value().getSeverity())
                .containsExactly(tuple(BAIDU_KEY + "#EXPIRING", AlertType.EXPIRING, AlertState.FIRING, Severity.WARNING));
        PackageAlert a = expiry.get(0).value();
        assertThat(a.getExpiresAt()).isEqualTo(expiresAt);
        assertThat(a.getRemaining()).isEqualTo(9 * GIB - 1024);
        assertThat(a.getMessage()).contains("expires " + expiresAt).contains("projected unused");
        assertThat(fx.depletionAlerts()).isEmpty();
    }

    @Test
    void livePackageExpiredWithCapacityLeftRaisesExpiredUnused() {
        DateTimeFormatter beijing = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        String expire = LocalDateTime.ofInstant(T0.minus(Duration.ofDays(1)), ZoneId.of("Asia/Shanghai")).format(beijing);
        ObjectNode item = (ObjectNode) json("""
                {"Id":"777","Type":0,"Status":2,"Total":500000000000,"Used":100000000000,"Left":400000000000,
                 "BuyTime":"2025-11-01 00:00:00","ExpireTime":"%s","WillRenew":0,"RenewalResult":0}""".formatted(expire));
        ObjectNode env = pkg("tencent-live", "acme", null, "live-1", T0, item);
        env.put("packageType", 0);
        fx.pipe(VendorApi.TENCENT_LIVE, LIVE_KEY, env, T0);
        List<PackageAlert> expiry = fx.expiryAlerts();
        assertThat(summary(expiry)).containsExactly("#EXPIRED_UNUSED FIRING WARNING");
        assertThat(expiry.get(0).getRemaining()).isEqualTo(400_000_000_000L);
        assertThat(expiry.get(0).getMessage()).contains("unused");
    }

    /** A poll summary of the VPC package's scope, as its collector writes after each poll. */
    private void vpcPoll(Instant startedAt, boolean complete) {
        Instant finished = startedAt.plusSeconds(5);
        fx.pipe(VendorApi.TENCENT_VPC, "tencent-vpc/acme/ap-guangzhou", Envelopes.summary("tencent-vpc", "acme",
                "ap-guangzhou", "p-" + startedAt.toEpochMilli(), finished, complete, startedAt), finished);
    }

    private void tick() {
        fx.driver.advanceWallClockTime(Duration.ofSeconds(15));  // the stale-check punctuation interval
    }

    @Test
    void staleWhenItsCollectorKeepsPollingWithoutItNeverFromTheWallClockAlone() {
        Instant at = T0;
        for (int i = 0; i < 3; i++) {
            at = T0.plus(Duration.ofMinutes(i));
            vpc(at, 85 + i * 0.01);
        }
        assertThat(summary(fx.depletionAlerts())).containsExactly("#USAGE_THRESHOLD#80 FIRING INFO");
        fx.states.readRecordsToList();

        fx.driver.advanceWallClockTime(Duration.ofHours(1));     // nothing from the collector (an outage): no news
        assertThat(fx.depletion.isEmpty()).isTrue();
        for (int minute = 3; minute <= 5; minute++) {             // it polls without the package, up to its deadline
            vpcPoll(T0.plus(Duration.ofMinutes(minute)), false);
            tick();
        }
        assertThat(fx.depletion.isEmpty()).isTrue();
        Instant polled = T0.plus(Duration.ofMinutes(6));
        vpcPoll(polled, false);                                   // a poll started 4 minutes after the last sighting
        tick();
        List<TestRecord<String, PackageAlert>> stale = fx.depletion.readRecordsToList();
        assertThat(summary(stale.stream().map(TestRecord::value).toList())).containsExactly("#STALE FIRING WARNING");
        assertThat(stale.get(0).value().getObservedAt()).isEqualTo(at);
        assertThat(stale.get(0).value().getDetectedAt()).isEqualTo(polled);
        assertThat(stale.get(0).getRecordTime()).isEqualTo(polled);
        assertThat(fx.states.readValuesToList()).singleElement().satisfies(s -> {
            assertThat(s.getStale()).isTrue();
            assertThat(s.getUpdatedAt()).isEqualTo(polled);
        });
        vpcPoll(T0.plus(Duration.ofMinutes(7)), false);           // more polls without it: still one STALE
        tick();
        assertThat(fx.depletion.isEmpty()).isTrue();

        vpc(T0.plus(Duration.ofMinutes(8)), 85.5);
        assertThat(summary(fx.depletionAlerts())).containsExactly("#STALE RESOLVED WARNING");
        assertThat(fx.states.readValuesToList()).singleElement().satisfies(s -> assertThat(s.getStale()).isFalse());
        KeyValueStore<String, PackageTracking> trackings = fx.driver.getKeyValueStore(PackageStore.NAME);
        Map<String, AlertRecord> alerts = trackings.get(VPC_KEY).alerts;
        assertThat(alerts.entrySet().stream().filter(e -> e.getValue().tracker().isFiring()).map(Map.Entry::getKey))
                .containsExactly(VPC_KEY + "#USAGE_THRESHOLD#80");
    }

    @Test
    void aPipelineOutageRaisesNoStaleWhenTheBacklogArrives() {
        for (int minute = 0; minute < 30; minute++) {
            Instant at = T0.plus(Duration.ofMinutes(minute));
            vpc(at, 85);
            vpcPoll(at.minusSeconds(1), true);
            if (minute == 10) {
                fx.driver.advanceWallClockTime(Duration.ofHours(2));  // the app or the broker away for two hours
            }
            tick();
        }
        assertThat(summary(fx.depletionAlerts())).containsExactly("#USAGE_THRESHOLD#80 FIRING INFO");
        assertThat(fx.states.readValuesToList()).allSatisfy(s -> assertThat(s.getStale()).isFalse());
    }

    @Test
    void anEventIsNeverDatedBeforeTheEventItFollows() {
        vpc(T0, 85);
        vpcPoll(T0.plus(Duration.ofMinutes(4)), false);
        tick();
        List<TestRecord<String, PackageAlert>> firing = fx.depletion.readRecordsToList();
        assertThat(summary(firing.stream().map(TestRecord::value).toList())).containsExactly("#STALE FIRING WARNING");
        Instant staleAt = T0.plus(Duration.ofMinutes(4));
        assertThat(firing.get(0).value().getDetectedAt()).isEqualTo(staleAt);

        Instant late = T0.plus(Duration.ofMinutes(3));           // observed before the poll that declared it stale
        vpc(late, 85.1);
        List<TestRecord<String, PackageAlert>> resolved = fx.depletion.readRecordsToList().stream()
                .filter(r -> r.value().getType() == AlertType.STALE).toList();
        assertThat(summary(resolved.stream().map(TestRecord::value).toList())).containsExactly("#STALE RESOLVED WARNING");
        assertThat(resolved.get(0).value().getObservedAt()).isEqualTo(late);
        assertThat(resolved.get(0).value().getDetectedAt()).isEqualTo(staleAt);
        assertThat(resolved.get(0).getRecordTime()).isEqualTo(staleAt);
    }

    @Test
    void aSteadilyPolledPackageWritesItsStaleCheckOnlyWhenItComesDueAndStillTurnsStaleOnTime() {
        Instant at = T0;
        for (int i = 0; i < 10; i++) {                            // one poll a minute, each with the package
            at = T0.plus(Duration.ofMinutes(i));
            vpc(at, 85 + i * 0.01);
            vpcPoll(at.minusSeconds(1), true);
            tick();
        }
        assertThat(summary(fx.depletionAlerts())).containsExactly("#USAGE_THRESHOLD#80 FIRING INFO");
        String app = fx.settings.kafka().get("application.id");
        // every snapshot rewrites the tracking record; the stale check is written by the first snapshot (due at
        // 3 min) and then only when a poll started after it, moved to the deadline of the latest snapshot: 3 writes
        assertThat(changelog(app, PackageStore.NAME)).hasSize(10);
        assertThat(changelog(app, StateAndAlertsTopology.STALE_CHECK_STORE)).containsExactly(
                dataPlusMinutes(3), dataPlusMinutes(7), dataPlusMinutes(11));

        vpcPoll(T0.plus(Duration.ofMinutes(12)), false);         // polls without it: at its deadline, not yet
        tick();
        assertThat(fx.depletion.isEmpty()).isTrue();
        Instant polled = T0.plus(Duration.ofMinutes(13));
        vpcPoll(polled, false);
        tick();
        List<PackageAlert> stale = fx.depletionAlerts();
        assertThat(summary(stale)).containsExactly("#STALE FIRING WARNING");
        assertThat(stale.get(0).getObservedAt()).isEqualTo(at);
        assertThat(stale.get(0).getDetectedAt()).isEqualTo(polled);
        KeyValueStore<String, Long> index = fx.driver.getKeyValueStore(StateAndAlertsTopology.STALE_CHECK_STORE);
        assertThat(index.get(VPC_KEY)).isNull();

        Instant back = T0.plus(Duration.ofMinutes(14));
        vpc(back, 85.5);                                          // data again: STALE resolves, the check is re-armed
        assertThat(summary(fx.depletionAlerts())).containsExactly("#STALE RESOLVED WARNING");
        assertThat(index.get(VPC_KEY)).isEqualTo(back.plus(Duration.ofMinutes(3)).toEpochMilli());
    }

    private static long dataPlusMinutes(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes)).toEpochMilli();
    }

    private List<Long> changelog(String applicationId, String store) {
        return fx.driver.createOutputTopic(applicationId + "-" + store + "-changelog",
                        org.apache.kafka.common.serialization.Serdes.String().deserializer(),
                        org.apache.kafka.common.serialization.Serdes.ByteArray().deserializer())
                .readValuesToList().stream()
                .map(v -> v != null && v.length == 8 ? java.nio.ByteBuffer.wrap(v).getLong() : -1L)
                .toList();
    }

    @Test
    void queriesServeActiveAlertsAndPackageDetailsFromTheStores() {
        lighthouse(T0, 400 * GIB, 0, "NETWORK_NORMAL", "2026-11-01T00:00:00Z");
        lighthouse(T0.plusSeconds(600), 501 * GIB, GIB, "OVERDUE_NETWORK_DISABLED", "2026-11-01T00:00:00Z");
        vpc(T0, 85);
        vpc(T0.plusSeconds(600), 85.1);
        KeyValueStore<String, PackageTracking> alerts = fx.driver.getKeyValueStore(PackageStore.NAME);

        assertThat(AlertQueries.firing(alerts, Map.of())).extracting(m -> m.get("alertKey")).containsExactly(
                LH_KEY + "#EXHAUSTED", LH_KEY + "#NETWORK_DISABLED", LH_KEY + "#OVERFLOW", LH_KEY + "#USAGE_THRESHOLD#80",
                VPC_KEY + "#USAGE_THRESHOLD#80");
        assertThat(AlertQueries.firing(alerts, Map.of("type", "overflow"))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("state", "FIRING").containsEntry("severity", "WARNING"));
        assertThat(AlertQueries.firing(alerts, Map.of("package", "tencent-vpc/"))).hasSize(1);
        assertThatThrownBy(() -> AlertQueries.firing(alerts, Map.of("type", "bogus"))).isInstanceOf(BadParameter.class)
                .hasMessageContaining("'type' is 'bogus'").hasMessageContaining("EXPIRED_UNUSED");
        assertThatThrownBy(() -> AlertQueries.firing(alerts, Map.of("severity", "high"))).isInstanceOf(BadParameter.class)
                .hasMessageContaining("[INFO, WARNING, CRITICAL]");

        Map<String, Object> details = AlertQueries.details(alerts, LH_KEY);
        assertThat(details).containsKeys("state", "alerts");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) details.get("state");
        assertThat(state).containsEntry("packageKey", LH_KEY).containsEntry("stale", false);
        assertThat((List<?>) details.get("alerts")).hasSize(4);
        assertThat(AlertQueries.details(alerts, "tencent-vpc/none")).containsEntry("state", null)
                .containsEntry("alerts", List.of());
    }

    @Test
    void aTrackingRecordSurvivesItsStoreEncodingAndABadLayoutIsNamed() {
        lighthouse(T0, 400 * GIB, 0, "NETWORK_NORMAL", "2026-11-01T00:00:00Z");
        lighthouse(T0.plusSeconds(600), 501 * GIB, GIB, "OVERDUE_NETWORK_DISABLED", "2026-11-01T00:00:00Z");
        KeyValueStore<String, PackageTracking> store = fx.driver.getKeyValueStore(PackageStore.NAME);
        PackageTracking t = store.get(LH_KEY);
        assertThat(t.alerts.values()).filteredOn(r -> r.tracker().isFiring()).hasSize(4);

        StateCodec codec = StateCodec.of(fx.settings.topics().packageState());
        PackageTracking back = PackageTrackingSerde.decode(PackageTrackingSerde.encode(t), codec);
        assertThat(back.history).isEqualTo(t.history);
        assertThat(back.state()).isEqualTo(t.state()).isNotNull();
        assertThat(back.staleDeadline).isEqualTo(t.staleDeadline).isNotEqualTo(PackageTracking.NO_DEADLINE);
        assertThat(back.indexed).isTrue();
        assertThat(back.alerts).isEqualTo(t.alerts);

        byte[] bytes = PackageTrackingSerde.encode(t);
        byte[] newer = bytes.clone();
        newer[0] = 8;                                              // zig-zag varint 4: a layout this code does not know
        assertThatThrownBy(() -> PackageTrackingSerde.decode(newer, codec))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessage("package tracking layout version 4 is not supported (reads 1 to 3)");
        assertThatThrownBy(() -> PackageTrackingSerde.decode(java.util.Arrays.copyOf(bytes, bytes.length / 2), codec))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessage("corrupt package tracking record (" + bytes.length / 2 + " bytes)");
    }

    @Test
    void aTrackingRecordOfLayout1WithItsAlertsInlineIsStillRead() throws Exception {
        assertOldLayoutReads(1);
    }

    @Test
    void aTrackingRecordOfLayout2WithItsAlertsInTheFirstReleasedSchemaIsStillRead() throws Exception {
        assertOldLayoutReads(2);
    }

    /**
     * A record the code before layout 3 wrote, with events of the first released PackageAlert (no bracket fields),
     * reads back as the same alerts and is written again in the current layout.
     */
    private void assertOldLayoutReads(int layout) throws Exception {
        lighthouse(T0, 400 * GIB, 0, "NETWORK_NORMAL", "2026-11-01T00:00:00Z");
        lighthouse(T0.plusSeconds(600), 501 * GIB, GIB, "OVERDUE_NETWORK_DISABLED", "2026-11-01T00:00:00Z");
        PackageTracking t = fx.driver.<String, PackageTracking>getKeyValueStore(PackageStore.NAME).get(LH_KEY);
        StateCodec codec = StateCodec.of(fx.settings.topics().packageState());
        assertThat(t.alerts.values()).filteredOn(r -> r.lastEvent() != null).isNotEmpty();

        byte[] old = oldLayout(t, layout);
        PackageTracking back = PackageTrackingSerde.decode(old, codec);

        assertThat(back.history).isEqualTo(t.history);
        assertThat(back.state()).isEqualTo(t.state()).isNotNull();
        assertThat(back.alerts).isEqualTo(t.alerts).isNotEmpty();
        byte[] rewritten = PackageTrackingSerde.encode(PackageTrackingSerde.decode(old, codec));
        assertThat(rewritten[0]).isEqualTo((byte) 6);               // zig-zag varint 3: the current layout
        assertThat(PackageTrackingSerde.decode(rewritten, codec).alerts).isEqualTo(t.alerts);
    }

    /**
     * What layouts 1 (until 2026-12-01: each last event inline after a presence flag) and 2 (until 2026-12-03:
     * length-prefixed bytes) wrote, both with the first released PackageAlert schema.
     */
    private static byte[] oldLayout(PackageTracking t, int layout) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder e = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        e.writeInt(layout);
        e.writeBytes(t.history);
        e.writeBytes(t.encodedState());
        e.writeLong(t.staleDeadline);
        e.writeBoolean(t.indexed);
        e.writeInt(t.alerts.size());
        for (Map.Entry<String, AlertRecord> a : t.alerts.entrySet()) {
            e.writeString(a.getKey());
            var k = a.getValue().tracker();
            e.writeInt(k.firing() == null ? -1 : k.firing().ordinal());
            e.writeLong(k.sequence());
            e.writeInt(k.pendingKind() == null ? -1 : k.pendingKind().ordinal());
            e.writeInt(k.pendingTarget() == null ? -1 : k.pendingTarget().ordinal());
            e.writeInt(k.pendingCount());
            PackageAlert event = a.getValue().lastEvent();
            byte[] v1 = event == null ? new byte[0] : inFirstReleasedSchema(event);
            if (layout == 1) {
                e.writeBoolean(event != null);
                e.writeFixed(v1);
            } else {
                e.writeBytes(v1);
            }
        }
        e.flush();
        return out.toByteArray();
    }

    /** The event as the code of PackageAlert v1 wrote it: plain Avro of that schema, field by field by name. */
    private static byte[] inFirstReleasedSchema(PackageAlert event) throws java.io.IOException {
        org.apache.avro.Schema v1 = ReleasedSchemas.packageAlert(1);
        org.apache.avro.generic.GenericData.Record record = new org.apache.avro.generic.GenericData.Record(v1);
        for (org.apache.avro.Schema.Field f : v1.getFields()) {
            record.put(f.name(), event.get(f.name()));
        }
        org.apache.avro.specific.SpecificData model = new org.apache.avro.specific.SpecificData();
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder e = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<org.apache.avro.generic.GenericRecord>(v1, model).write(record, e);
        e.flush();
        return out.toByteArray();
    }

    @Test
    void aDeletedPackageResolvesItsAlertsAndNeverTurnsStale() {
        vpc(T0, 85);
        vpc(T0.plusSeconds(60), 85.1);
        assertThat(summary(fx.depletionAlerts())).containsExactly("#USAGE_THRESHOLD#80 FIRING INFO");
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"tfp-a","TrafficPackageName":"web","TotalAmount":100,"UsedAmount":85.1,
                 "RemainingAmount":14.9,"Status":"DELETED","CreatedTime":"2026-10-01T00:00:00Z","Deadline":"%s",
                 "DeductType":"FULL_TIME","TagSet":[]}""".formatted(T0.plus(Duration.ofDays(30))));
        Instant at = T0.plusSeconds(120);
        fx.pipe(VendorApi.TENCENT_VPC, VPC_KEY, pkg("tencent-vpc", "acme", "ap-guangzhou", "p-del", at, item), at);
        assertThat(summary(fx.depletionAlerts())).containsExactly("#USAGE_THRESHOLD#80 RESOLVED INFO");
        vpcPoll(T0.plus(Duration.ofHours(1)), false);            // its collector keeps polling: a deleted package is not stale
        tick();
        assertThat(fx.depletion.isEmpty()).isTrue();
    }
}
