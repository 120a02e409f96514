package io.packwatch.streams;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every status value the vendor docs list for each API, through the production topology, to its normalized
 * {@link PackageStatus}, with the vendor's value kept verbatim in {@code vendorStatus}. The expected mapping is taken
 * from the documentation (vendor-spec.md §2.2, §3, §4.4, §5.2 for the values; docs/streams.md "Normalization rules"
 * for the normalized status), not from the normalizers. Unknown values are UnknownEnumsTest's business.
 */
class StatusMappingTest {
    private static final Instant COLLECTED = Instant.parse("2024-07-16T10:46:08.120Z");
    private static final Instant RECORD_TS = Instant.parse("2024-07-16T10:46:08.500Z");

    /** api, vendor status as sent, normalized status. One row per documented vendor value. */
    static final String DOCUMENTED = """
            # VPC TrafficPackage.Status (vendor-spec 2.2)
            tencent-vpc,        AVAILABLE,                ACTIVE
            tencent-vpc,        EXPIRED,                  EXPIRED
            tencent-vpc,        EXHAUSTED,                EXHAUSTED
            tencent-vpc,        REFUNDED,                 REFUNDED
            tencent-vpc,        DELETED,                  DELETED
            # Lighthouse TrafficPackage.Status (vendor-spec 3)
            tencent-lighthouse, NETWORK_NORMAL,           ACTIVE
            tencent-lighthouse, OVERDUE_NETWORK_DISABLED, NETWORK_DISABLED
            # Live LivePackageInfo.Status, an int (vendor-spec 5.2): 0 not yet used, 1 in use, 2 expired, 3 frozen, 4 used up, 5 refunded
            tencent-live,       0,                        NOT_STARTED
            tencent-live,       1,                        ACTIVE
            tencent-live,       2,                        EXPIRED
            tencent-live,       3,                        FROZEN
            tencent-live,       4,                        EXHAUSTED
            tencent-live,       5,                        REFUNDED
            # Baidu EIP TP Package.status (vendor-spec 4.2, 4.4): the docs list exactly these three
            baidu-eip,          RUNNING,                  ACTIVE
            baidu-eip,          EXPIRED,                  EXPIRED
            baidu-eip,          USED_UP,                  EXHAUSTED
            """;

    @TempDir
    Path stateDir;
    TopologyFixture t;

    @BeforeEach
    void start() {
        t = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @ParameterizedTest(name = "{0} Status {1} -> {2}")
    @CsvSource(textBlock = DOCUMENTED)
    void everyDocumentedVendorStatusIsNormalizedAndKeptVerbatim(String api, String vendorStatus, PackageStatus expected) {
        ObjectNode env;
        String key;
        switch (api) {
            case "tencent-vpc" -> {
                env = pkg(api, "prod", "ap-guangzhou", "st-1", COLLECTED, json("""
                        {"TrafficPackageId":"tfp-status","TrafficPackageName":"s","TotalAmount":10,"RemainingAmount":6,
                         "UsedAmount":4,"Status":"%s","CreatedTime":"2022-08-31T11:42:37Z",
                         "Deadline":"2022-09-30T11:42:36Z","DeductType":"FULL_TIME"}""".formatted(vendorStatus)));
                key = "tencent-vpc/prod/ap-guangzhou/tfp-status";
            }
            case "tencent-lighthouse" -> {
                env = pkg(api, "prod", "ap-guangzhou", "st-1", COLLECTED, json("""
                        {"TrafficPackageId":"lhtfp-status","TrafficUsed":4,"TrafficPackageTotal":10,
                         "TrafficPackageRemaining":6,"TrafficOverflow":0,"StartTime":"2020-06-28T08:15:18Z",
                         "EndTime":"2020-07-28T08:15:17Z","Deadline":"2020-07-28T08:15:18Z","Status":"%s"}"""
                        .formatted(vendorStatus)));
                env.put("instanceId", "lhins-status");
                key = "tencent-lighthouse/prod/ap-guangzhou/lhins-status/lhtfp-status";
            }
            case "tencent-live" -> {
                // Status is a JSON integer on the wire; vendorStatus is its decimal text
                env = pkg(api, "prod", null, "st-1", COLLECTED, json("""
                        {"Id":"900001","Type":0,"Status":%d,"Total":10,"Used":4,"Left":6,
                         "BuyTime":"2024-07-16 18:46:08","ExpireTime":"2025-07-16 18:46:08","WillRenew":0,
                         "RenewalResult":0}""".formatted(Integer.parseInt(vendorStatus))));
                env.put("packageType", 0);
                key = "tencent-live/prod/-/900001";
            }
            case "baidu-eip" -> {
                env = pkg(api, "prod", "bj", "st-1", COLLECTED, json("""
                        {"id":"tp-status","deductPolicy":"FullTimeDurationPackage","packageType":"WebOutBytes",
                         "status":"%s","capacity":10,"usedCapacity":4,"createTime":"2021-08-10T11:40:57Z",
                         "activeTime":"2021-08-10T11:41:16Z","expireTime":"2021-09-10T11:41:16Z"}"""
                        .formatted(vendorStatus)));
                key = "baidu-eip/prod/bj/tp-status";
            }
            default -> throw new IllegalArgumentException(api);
        }

        t.pipe(VendorApi.fromId(api), key, bytes(env), RECORD_TS);

        assertThat(t.dlq.isEmpty()).as("a documented status is never dead-lettered").isTrue();
        TestRecord<String, PackageSnapshot> out = t.packages.readRecord();
        assertThat(t.packages.isEmpty()).as("exactly one snapshot").isTrue();
        assertThat(out.key()).isEqualTo(key);
        assertThat(out.value().getPackageKey()).isEqualTo(key);
        assertThat(out.value().getStatus()).isEqualTo(expected);
        assertThat(out.value().getVendorStatus()).isEqualTo(vendorStatus);
        // the status is metadata only: figures are unaffected by it
        assertThat(out.value().getCapacity()).isEqualTo(api.equals("tencent-vpc") ? 10L << 30 : 10L);
        assertThat(out.value().getRemaining()).isEqualTo(api.equals("tencent-vpc") ? 6L << 30 : 6L);
        assertThat(t.latest().get(key)).isEqualTo(out.value());
    }

    @Test
    void theDocumentedValuesReachEveryNormalizedStatusButUnknown() {
        Set<PackageStatus> reached = DOCUMENTED.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> PackageStatus.valueOf(line.substring(line.lastIndexOf(',') + 1).strip()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PackageStatus.class)));
        assertThat(reached).isEqualTo(EnumSet.complementOf(EnumSet.of(PackageStatus.UNKNOWN)));
    }
}
