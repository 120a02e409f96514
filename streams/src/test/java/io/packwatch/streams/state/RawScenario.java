package io.packwatch.streams.state;

import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.streams.Envelopes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One scenario across the four vendor APIs, as raw envelopes the collectors would publish, with the alert
 * transitions it must produce (and nothing else). Used by the integration and crash tests.
 */
final class RawScenario {

    record RawRecord(VendorApi api, String topicSuffix, String key, byte[] value, Instant timestamp) {
    }

    /**
     * Start of the scenario: three days ago at midnight UTC. Record timestamps are the collection instants, and the
     * raw topics keep 7 days, so a fixed date in the past would let the broker's retention delete the input while
     * the test runs (which looks exactly like lost records).
     */
    static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(3));
    static final String VPC_KEY = "tencent-vpc/acme/ap-guangzhou/tfp-a";
    static final String LH_KEY = "tencent-lighthouse/acme/ap-guangzhou/lhins-1/lhtfp-1";
    static final String BAIDU_KEY = "baidu-eip/acme/bj/tp-exp";
    static final String LIVE_KEY = "tencent-live/acme/-/777";
    /** The VPC package's pool: it is the only member, so the pool's overage follows its depletion. */
    static final String VPC_POOL = "tencent-vpc/acme/ap-guangzhou/TRAFFIC/FULL_TIME";
    /**
     * A pool of two: tfp-s1 is used up from the start and drawn first (it expires first), tfp-s5 takes over, until it
     * is used up too at the sixth poll. Both keys fall in one of three partitions (murmur2), so a broker run reads
     * them in the order they were produced, as the driver does: the pool's verdicts are then the same in both.
     */
    static final String SH_FIRST_KEY = "tencent-vpc/acme/ap-shanghai/tfp-s1";
    static final String SH_NEXT_KEY = "tencent-vpc/acme/ap-shanghai/tfp-s5";
    static final String SH_POOL = "tencent-vpc/acme/ap-shanghai/TRAFFIC/FULL_TIME";
    private static final long GIB = 1L << 30;

    /** Depletion-topic transitions: alert key + state + severity. */
    static final List<String> EXPECTED_DEPLETION = List.of(
            VPC_KEY + "#DEPLETION_FORECAST FIRING WARNING",
            VPC_KEY + "#DEPLETION_FORECAST FIRING CRITICAL",
            VPC_POOL + "#OVERAGE_FORECAST FIRING WARNING",
            VPC_POOL + "#OVERAGE_FORECAST FIRING CRITICAL",
            VPC_KEY + "#USAGE_THRESHOLD#80 FIRING INFO",
            VPC_KEY + "#USAGE_THRESHOLD#90 FIRING WARNING",
            VPC_KEY + "#EXHAUSTED FIRING CRITICAL",
            VPC_KEY + "#USAGE_THRESHOLD#100 FIRING CRITICAL",
            LH_KEY + "#USAGE_THRESHOLD#80 FIRING INFO",
            LH_KEY + "#EXHAUSTED FIRING CRITICAL",
            LH_KEY + "#OVERFLOW FIRING WARNING",
            LH_KEY + "#NETWORK_DISABLED FIRING CRITICAL",
            LH_KEY + "#USAGE_THRESHOLD#90 FIRING WARNING",
            LH_KEY + "#USAGE_THRESHOLD#100 FIRING CRITICAL",
            LH_KEY + "#EXHAUSTED RESOLVED CRITICAL",
            LH_KEY + "#OVERFLOW RESOLVED WARNING",
            LH_KEY + "#NETWORK_DISABLED RESOLVED CRITICAL",
            LH_KEY + "#USAGE_THRESHOLD#80 RESOLVED INFO",
            LH_KEY + "#USAGE_THRESHOLD#90 RESOLVED WARNING",
            LH_KEY + "#USAGE_THRESHOLD#100 RESOLVED CRITICAL",
            SH_FIRST_KEY + "#USAGE_THRESHOLD#80 FIRING INFO",
            SH_FIRST_KEY + "#USAGE_THRESHOLD#90 FIRING WARNING",
            SH_FIRST_KEY + "#USAGE_THRESHOLD#100 FIRING CRITICAL",
            SH_FIRST_KEY + "#EXHAUSTED FIRING INFO",                    // tfp-s5 takes over: not news
            SH_NEXT_KEY + "#EXHAUSTED FIRING CRITICAL",                 // the last one: nothing takes over
            SH_NEXT_KEY + "#USAGE_THRESHOLD#80 FIRING INFO",
            SH_NEXT_KEY + "#USAGE_THRESHOLD#90 FIRING WARNING",
            SH_NEXT_KEY + "#USAGE_THRESHOLD#100 FIRING CRITICAL",
            SH_POOL + "#OVERAGE_FORECAST FIRING CRITICAL",
            SH_FIRST_KEY + "#EXHAUSTED FIRING CRITICAL");               // at the poll after: the pool no longer covers it
    static final List<String> EXPECTED_EXPIRY = List.of(
            BAIDU_KEY + "#EXPIRING FIRING WARNING",
            LIVE_KEY + "#EXPIRED_UNUSED FIRING WARNING");
    /**
     * Package alerts still firing at the end: the VPC package's five, EXPIRING and EXPIRED_UNUSED, and the four of each
     * Shanghai package (three usage bands, EXHAUSTED).
     */
    static final int EXPECTED_FIRING = 15;

    private RawScenario() {
    }

    /** Every record, ordered by collection time (the order a live pipeline would see them). */
    static List<RawRecord> records() {
        List<RawRecord> out = new ArrayList<>();
        for (int i = 0; i <= 310; i++) {
            out.add(vpc(T0.plus(Duration.ofMinutes(10L * i)), 50 + i / 6.0));
        }
        out.add(lighthouse(T0, 400 * GIB, 0, "NETWORK_NORMAL", "2026-11-01T00:00:00Z"));
        out.add(lighthouse(T0.plusSeconds(600), 501 * GIB, GIB, "OVERDUE_NETWORK_DISABLED", "2026-11-01T00:00:00Z"));
        out.add(lighthouse(T0.plusSeconds(1200), 502 * GIB, 2 * GIB, "OVERDUE_NETWORK_DISABLED", "2026-11-01T00:00:00Z"));
        out.add(lighthouse(T0.plusSeconds(1800), GIB, 0, "NETWORK_NORMAL", "2026-12-01T00:00:00Z"));
        out.add(lighthouse(T0.plusSeconds(2400), 2 * GIB, 0, "NETWORK_NORMAL", "2026-12-01T00:00:00Z"));
        for (int i = 0; i < 3; i++) {
            out.add(baidu(T0.plus(Duration.ofMinutes(10L * i)), GIB + i * 1024L, T0.plus(Duration.ofDays(3))));
        }
        out.add(live(T0));
        for (int i = 0; i < 8; i++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * i));
            out.add(vpcShanghai("tfp-s1", at, 10, 10, T0.plus(Duration.ofDays(5))));
            out.add(vpcShanghai("tfp-s5", at, 100, i < 5 ? 20 : 100, T0.plus(Duration.ofDays(20))));
        }
        out.sort(Comparator.comparing(RawRecord::timestamp));
        return out;
    }

    static RawRecord vpc(Instant at, double usedGb) {
        BigDecimal used = BigDecimal.valueOf(usedGb).setScale(4, RoundingMode.HALF_UP).min(BigDecimal.valueOf(100));
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"tfp-a","TrafficPackageName":"web","TotalAmount":100,"Status":"%s",
                 "CreatedTime":"2026-10-01T00:00:00Z","Deadline":"%s","DeductType":"FULL_TIME","TagSet":[]}"""
                .formatted(used.compareTo(BigDecimal.valueOf(100)) >= 0 ? "EXHAUSTED" : "AVAILABLE", T0.plus(Duration.ofDays(30))));
        item.put("UsedAmount", used);
        item.put("RemainingAmount", BigDecimal.valueOf(100).subtract(used));
        return record(VendorApi.TENCENT_VPC, VPC_KEY, pkg("tencent-vpc", "acme", "ap-guangzhou", "p-" + at.toEpochMilli(), at, item), at);
    }

    static RawRecord vpcShanghai(String id, Instant at, long totalGb, long usedGb, Instant deadline) {
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"%s","TrafficPackageName":"%s","TotalAmount":%d,"UsedAmount":%d,"RemainingAmount":%d,
                 "Status":"%s","CreatedTime":"2026-10-01T00:00:00Z","Deadline":"%s","DeductType":"FULL_TIME","TagSet":[]}"""
                .formatted(id, id, totalGb, usedGb, totalGb - usedGb, usedGb >= totalGb ? "EXHAUSTED" : "AVAILABLE", deadline));
        return record(VendorApi.TENCENT_VPC, "tencent-vpc/acme/ap-shanghai/" + id,
                pkg("tencent-vpc", "acme", "ap-shanghai", "sh-" + id + "-" + at.toEpochMilli(), at, item), at);
    }

    static RawRecord lighthouse(Instant at, long used, long overflow, String status, String cycleStart) {
        long total = 500 * GIB;
        Instant start = Instant.parse(cycleStart);
        ObjectNode item = (ObjectNode) json("""
                {"TrafficPackageId":"lhtfp-1","TrafficUsed":%d,"TrafficPackageTotal":%d,"TrafficPackageRemaining":%d,
                 "TrafficOverflow":%d,"StartTime":"%s","EndTime":"%s","Deadline":"2027-11-01T00:00:00Z","Status":"%s"}"""
                .formatted(used, total, Math.max(0, total - used), overflow, start, start.plus(Duration.ofDays(30)), status));
        ObjectNode env = pkg("tencent-lighthouse", "acme", "ap-guangzhou", "lh-" + at.toEpochMilli(), at, item);
        env.put("instanceId", "lhins-1");
        return record(VendorApi.TENCENT_LIGHTHOUSE, LH_KEY, env, at);
    }

    static RawRecord baidu(Instant at, long used, Instant expiresAt) {
        ObjectNode item = (ObjectNode) json("""
                {"id":"tp-exp","deductPolicy":"FullTimeDurationPackage","packageType":"WebOutBytes","status":"RUNNING",
                 "capacity":%d,"usedCapacity":%d,"createTime":"2026-10-01T00:00:00Z","activeTime":"2026-10-01T00:00:00Z",
                 "expireTime":"%s"}""".formatted(10 * GIB, used, expiresAt));
        return record(VendorApi.BAIDU_EIP, BAIDU_KEY, pkg("baidu-eip", "acme", "bj", "bd-" + at.toEpochMilli(), at, item), at);
    }

    static RawRecord live(Instant at) {
        String expire = LocalDateTime.ofInstant(at.minus(Duration.ofDays(1)), ZoneId.of("Asia/Shanghai"))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        ObjectNode item = (ObjectNode) json("""
                {"Id":"777","Type":0,"Status":2,"Total":500000000000,"Used":100000000000,"Left":400000000000,
                 "BuyTime":"2025-11-01 00:00:00","ExpireTime":"%s","WillRenew":0,"RenewalResult":0}""".formatted(expire));
        ObjectNode env = pkg("tencent-live", "acme", null, "live-" + at.toEpochMilli(), at, item);
        env.put("packageType", 0);
        return record(VendorApi.TENCENT_LIVE, LIVE_KEY, env, at);
    }

    private static RawRecord record(VendorApi api, String key, ObjectNode env, Instant at) {
        return new RawRecord(api, api.id(), key, Envelopes.bytes(env), at);
    }
}
