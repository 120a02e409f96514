package io.packwatch.streams.state;

import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.schema.PoolVerdict;
import io.packwatch.schema.Severity;
import io.packwatch.streams.alerts.Signal;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Method;
import io.packwatch.streams.forecast.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip through the pool stage, record by record: what travels, what the pool answers, and what the
 * package's task does with an answer it cannot place.
 */
class PoolVerdictsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String KEY = "tencent-vpc/acme/ap-guangzhou/tfp-v";
    private static final String POOL = "tencent-vpc/acme/ap-guangzhou/TRAFFIC/FULL_TIME";

    @TempDir
    Path stateDir;
    private StateFixture fx;
    private TestInputTopic<String, PoolMemberUpdate> members;
    private TestInputTopic<String, PoolMemberUpdate> verdictsIn;
    private TestOutputTopic<String, PoolMemberUpdate> verdictsOut;
    private TestOutputTopic<String, PackageSnapshot> packages;

    @BeforeEach
    void start() {
        fx = new StateFixture(stateDir, Map.of());
        var topics = fx.settings.topics();
        members = fx.driver.createInputTopic(topics.poolMembers().name(), Serdes.String().serializer(),
                topics.poolMembers().valueSerde().serializer());
        verdictsIn = fx.driver.createInputTopic(topics.poolVerdicts().name(), Serdes.String().serializer(),
                topics.poolVerdicts().valueSerde().serializer());
        verdictsOut = fx.driver.createOutputTopic(topics.poolVerdicts().name(), Serdes.String().deserializer(),
                topics.poolVerdicts().valueSerde().deserializer());
        packages = fx.driver.createOutputTopic(topics.packages().name(), Serdes.String().deserializer(),
                topics.packages().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** One snapshot of a 100 GB VPC package, through the production topology; returns it as normalized. */
    private PackageSnapshot vpc(Instant at, int usedGb) {
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"tfp-v","TrafficPackageName":"v","TotalAmount":100,"UsedAmount":%d,"RemainingAmount":%d,
                 "Status":"%s","CreatedTime":"2026-10-01T00:00:00Z","Deadline":"2026-12-01T00:00:00Z","DeductType":"FULL_TIME",
                 "TagSet":[]}""".formatted(usedGb, 100 - usedGb, usedGb >= 100 ? "EXHAUSTED" : "AVAILABLE"));
        fx.pipe(VendorApi.TENCENT_VPC, KEY, pkg("tencent-vpc", "acme", "ap-guangzhou", "p-" + at.toEpochMilli(), at, item), at);
        List<PackageSnapshot> read = packages.readValuesToList();
        return read.get(read.size() - 1);
    }

    private static final Forecast FORECAST = new Forecast(1.5, Double.NaN, Method.EWMA, 1.5, 1_000L, Observation.NONE,
            Observation.NONE, -1, 86_400_000L, 100.0, 3, 0.25, true);

    private static Signal exhausted(String key) {
        return Signal.of(key + "#EXHAUSTED", AlertType.EXHAUSTED, null, Severity.CRITICAL, Severity.CRITICAL, 1);
    }

    @Test
    void theForecastAndTheSignalsTravelWhole() {
        Signal unknown = Signal.unknown(KEY + "#DEPLETION_FORECAST", AlertType.DEPLETION_FORECAST, null);
        Signal banded = Signal.of(KEY + "#X#80", AlertType.EXHAUSTED, "80", Severity.INFO, null, 2);
        PoolMemberUpdate update = PoolUpdates.of(vpc(T0, 10), 42L, FORECAST, List.of(unknown, banded));
        assertThat(update.getDecidedAt()).isEqualTo(Instant.ofEpochMilli(42));
        assertThat(update.getVerdict()).isNull();
        assertThat(PoolUpdates.forecast(update.getForecast())).isEqualTo(FORECAST);
        assertThat(update.getSignals()).extracting(PoolUpdates::signal).containsExactly(unknown, banded);
        for (Method method : Method.values()) {
            Forecast f = new Forecast(0, 0, method, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);
            assertThat(PoolUpdates.forecast(PoolUpdates.of(vpc(T0, 10), 0, f, List.of()).getForecast()).method())
                    .isEqualTo(method);
        }
    }

    @Test
    void aMemberUnderAnotherPoolsKeyIsAnsweredUncoveredUnderItsOwnPool() {
        PackageSnapshot s = vpc(T0, 100);
        verdictsOut.readRecordsToList();
        fx.depletionAlerts();
        members.pipeInput("not/its/pool", PoolUpdates.of(s, T0.toEpochMilli(), FORECAST, List.of(exhausted(KEY))), T0);
        var answers = verdictsOut.readRecordsToList();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).key()).isEqualTo(KEY);
        assertThat(answers.get(0).value().getVerdict().getCovered()).isFalse();
        assertThat(answers.get(0).value().getVerdict().getPoolKey()).isEqualTo(POOL);
        // decided, not lost: the package's task pages for it
        List<PackageAlert> alerts = fx.depletionAlerts();
        assertThat(alerts).extracting(a -> a.getAlertKey() + " " + a.getSeverity()).containsExactly(KEY + "#EXHAUSTED CRITICAL");
        assertThat(alerts.get(0).getPoolKey()).isEqualTo(POOL);
    }

    @Test
    void anUpdateWithoutWaitingSignalsGetsNoAnswer() {
        vpc(T0, 10);    // a package's first snapshot of a segment sends none
        assertThat(verdictsOut.readRecordsToList()).isEmpty();
        vpc(T0.plus(Duration.ofMinutes(10)), 11);
        assertThat(verdictsOut.readRecordsToList()).hasSize(1);
    }

    @Test
    void aCoveredVerdictGoesOutAsInfoWithThePoolsOverage() {
        PackageSnapshot s = vpc(T0, 100);
        fx.depletionAlerts();
        Instant overage = T0.plus(Duration.ofDays(3));
        PoolMemberUpdate answered = PoolMemberUpdate.newBuilder(
                        PoolUpdates.of(s, T0.toEpochMilli(), FORECAST, List.of(exhausted(KEY))))
                .setVerdict(PoolVerdict.newBuilder().setPoolKey(POOL).setCovered(true).setOverageStartsAt(overage).build())
                .build();
        verdictsIn.pipeInput(KEY, answered, T0);
        List<PackageAlert> alerts = fx.depletionAlerts();
        assertThat(alerts).extracting(a -> a.getAlertKey() + " " + a.getSeverity()).containsExactly(KEY + "#EXHAUSTED INFO");
        assertThat(alerts.get(0).getOverageStartsAt()).isEqualTo(overage);
        assertThat(alerts.get(0).getMessage()).endsWith("; the pool " + POOL + " covers usage until 2026-11-04T00:00:00Z");
        assertThat(alerts.get(0).getDetectedAt()).isEqualTo(T0);
    }

    @Test
    void verdictsTheTaskCannotPlaceChangeNothing() {
        PackageSnapshot tracked = vpc(T0, 100);
        fx.depletionAlerts();
        PoolVerdict uncovered = PoolVerdict.newBuilder().setPoolKey(POOL).setCovered(false).build();
        PackageSnapshot stranger = PackageSnapshot.newBuilder(tracked).setPackageKey(KEY + "-other").build();
        // a package this task does not track, a key that is not the snapshot's, an update that was never answered
        verdictsIn.pipeInput(KEY + "-other", PoolMemberUpdate.newBuilder(PoolUpdates.of(stranger, 0, FORECAST,
                List.of(exhausted(KEY + "-other")))).setVerdict(uncovered).build(), T0);
        verdictsIn.pipeInput(KEY, PoolMemberUpdate.newBuilder(PoolUpdates.of(stranger, 0, FORECAST,
                List.of(exhausted(KEY)))).setVerdict(uncovered).build(), T0);
        verdictsIn.pipeInput(KEY, PoolUpdates.of(tracked, 0, FORECAST, List.of(exhausted(KEY))), T0);
        assertThat(fx.depletionAlerts()).isEmpty();
    }
}
