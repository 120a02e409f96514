package io.packwatch.streams;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static io.packwatch.streams.Envelopes.summary;
import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.VendorApi;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages a complete poll cycle did not see are marked DELETED; incomplete cycles and other scopes mark nothing. */
class PollSummaryTest {
    private static final Instant CYCLE1 = Instant.parse("2024-07-16T10:00:00Z");
    private static final Instant CYCLE2 = Instant.parse("2024-07-16T10:05:00Z");

    @TempDir
    Path stateDir;
    TopologyFixture t;

    @BeforeEach
    void start() {
        t = new TopologyFixture(stateDir);
        // cycle 1 sees tp-a and tp-b in bj, tp-c in gz, and tp-d of another account whose name starts the same
        publish("prod", "bj", "tp-a", "c1", CYCLE1);
        publish("prod", "bj", "tp-b", "c1", CYCLE1);
        publish("prod", "gz", "tp-c", "c1", CYCLE1);
        publish("prod2", "bj", "tp-d", "c1", CYCLE1);
        t.packages.readRecordsToList();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private void publish(String account, String region, String id, String poll, Instant at) {
        t.pipe(VendorApi.BAIDU_EIP, "baidu-eip/" + account + "/" + region + "/" + id, bytes(pkg("baidu-eip", account, region, poll, at,
                json("{\"id\":\"" + id + "\",\"status\":\"RUNNING\",\"capacity\":100,\"usedCapacity\":1}"))), at);
    }

    private void summarize(String poll, boolean complete, Instant startedAt) {
        t.pipe(VendorApi.BAIDU_EIP, "baidu-eip/prod/bj",
                bytes(summary("baidu-eip", "prod", "bj", poll, startedAt.plusSeconds(2), complete, startedAt)), startedAt.plusSeconds(3));
    }

    @Test
    void completeCycleMarksUnseenPackagesOfItsScopeDeleted() {
        publish("prod", "bj", "tp-a", "c2", CYCLE2.plusSeconds(1));
        summarize("c2", true, CYCLE2);

        List<TestRecord<String, PackageSnapshot>> out = t.packages.readRecordsToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).value().getStatus()).isEqualTo(PackageStatus.ACTIVE);
        TestRecord<String, PackageSnapshot> gone = out.get(1);
        assertThat(gone.key()).isEqualTo("baidu-eip/prod/bj/tp-b");
        assertThat(gone.value().getStatus()).isEqualTo(PackageStatus.DELETED);
        assertThat(gone.value().getVendorStatus()).isEqualTo("RUNNING");
        assertThat(gone.value().getPollId()).isEqualTo("c2");
        assertThat(gone.value().getObservedAt()).isEqualTo(CYCLE2.plusSeconds(2));
        assertThat(gone.value().getUsed()).isEqualTo(1L);
        assertThat(gone.getRecordTime()).isEqualTo(CYCLE2.plusSeconds(3));
        assertThat(t.latest().get("baidu-eip/prod/bj/tp-b").getStatus()).isEqualTo(PackageStatus.DELETED);
        assertThat(t.latest().get("baidu-eip/prod/gz/tp-c").getStatus()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(t.latest().get("baidu-eip/prod2/bj/tp-d").getStatus()).isEqualTo(PackageStatus.ACTIVE);

        // a second complete cycle does not announce the same disappearance again
        summarize("c3", true, CYCLE2.plusSeconds(300));
        assertThat(t.packages.readRecordsToList()).extracting(TestRecord::key).containsExactly("baidu-eip/prod/bj/tp-a");
    }

    @Test
    void incompleteCycleMarksNothing() {
        summarize("c2", false, CYCLE2);
        assertThat(t.packages.isEmpty()).isTrue();
        assertThat(t.dlq.isEmpty()).isTrue();
        assertThat(t.latest().get("baidu-eip/prod/bj/tp-b").getStatus()).isEqualTo(PackageStatus.ACTIVE);
    }

    @Test
    void packagesObservedAfterTheCycleStartedAreNotMarked() {
        publish("prod", "bj", "tp-b", "c1-late", CYCLE2.plusSeconds(1));
        t.packages.readRecordsToList();
        summarize("c2", true, CYCLE2);
        assertThat(t.packages.readRecordsToList()).extracting(TestRecord::key).containsExactly("baidu-eip/prod/bj/tp-a");
    }

    @Test
    void liveSummaryWithoutRegionUsesTheDashScope() {
        t.pipe(VendorApi.TENCENT_LIVE, "tencent-live/prod/-/1", bytes(pkg("tencent-live", "prod", null, "l1", CYCLE1,
                json("{\"Id\":\"1\",\"Type\":0,\"Status\":1,\"Total\":10,\"Used\":1,\"Left\":9}"))), CYCLE1);
        t.packages.readRecordsToList();
        t.pipe(VendorApi.TENCENT_LIVE, "tencent-live/prod/-", bytes(summary("tencent-live", "prod", null, "l2", CYCLE2, true, CYCLE2)), CYCLE2);
        TestRecord<String, PackageSnapshot> gone = t.packages.readRecord();
        assertThat(gone.key()).isEqualTo("tencent-live/prod/-/1");
        assertThat(gone.value().getStatus()).isEqualTo(PackageStatus.DELETED);
        assertThat(gone.value().getRegion()).isNull();
    }
}
