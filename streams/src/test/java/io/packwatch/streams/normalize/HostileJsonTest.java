package io.packwatch.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.packwatch.core.envelope.RawEnvelopeJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hostile raw records are refused by the parser's limits or the magnitude check before any costly work. Each case must
 * complete within a deadline far above what it costs (microseconds); before the bounds, the number bomb alone held the
 * stream thread for over a minute. Nothing is timed: the assertions are on which limit refused the record.
 */
class HostileJsonTest {
    private static final Duration GENEROUS = Duration.ofSeconds(5);

    private static String envelope(String api, String item) {
        return "{\"envelopeVersion\":1,\"type\":\"package\",\"api\":\"" + api + "\",\"vendor\":\"x\",\"product\":\"x\","
                + "\"account\":\"acct\",\"region\":\"bj\",\"pollId\":\"p1\",\"collectedAt\":\"2024-07-16T10:46:08Z\","
                + "\"requestId\":\"r\",\"instanceId\":null,\"packageType\":null,\"item\":" + item + "}";
    }

    private static String baidu(String usedCapacity) {
        return envelope("baidu-eip", "{\"id\":\"tp-1\",\"deductPolicy\":\"FullTimeDurationPackage\",\"packageType\":\"WebOutBytes\","
                + "\"status\":\"RUNNING\",\"capacity\":\"10737418240\",\"usedCapacity\":" + usedCapacity + ","
                + "\"createTime\":\"2021-08-10T11:40:57Z\",\"activeTime\":\"2021-08-10T11:41:16Z\",\"expireTime\":\"2021-09-10T11:41:16Z\"}");
    }

    private static String vpc(String total, String used) {
        return envelope("tencent-vpc", "{\"TrafficPackageId\":\"tfp-1\",\"TotalAmount\":" + total + ",\"UsedAmount\":" + used
                + ",\"Status\":\"AVAILABLE\",\"CreatedTime\":\"2024-01-01T00:00:00Z\",\"Deadline\":\"2025-01-01T00:00:00Z\"}");
    }

    /** What the normalize processor does with a record value, to the NormalizationException that dead-letters it. */
    private static NormalizationException refusal(String value) {
        return refusal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static NormalizationException refusal(byte[] value) {
        return assertTimeoutPreemptively(GENEROUS, () -> {
            try {
                Normalizers.normalize(RawEnvelopes.parse(value));
            } catch (NormalizationException e) {
                return e;
            }
            throw new AssertionError("accepted a hostile record");
        });
    }

    @Test
    void theControlRecordIsAccepted() {
        assertThat(Normalizers.normalize(RawEnvelopes.parse(baidu("1000").getBytes(StandardCharsets.UTF_8))).getUsed())
                .isEqualTo(1000L);
        assertThat(Normalizers.normalize(RawEnvelopes.parse(vpc("1024", "0.5").getBytes(StandardCharsets.UTF_8))).getUsed())
                .isEqualTo(1L << 29);
    }

    @Test
    void numberBombsAreRefusedOnTheirExponentBeforeAnyExactConversion() {
        assertThat(refusal(baidu("1e100000000")).getMessage())
                .contains("usedCapacity").contains("100000001 integer digits").contains("1E+100000000");
        assertThat(refusal(baidu("\"1e100000000\"")).getMessage()).contains("usedCapacity").contains("integer digits");
        assertThat(refusal(baidu("-1e100000000")).getMessage()).contains("integer digits");
        assertThat(refusal(vpc("1e100000000", "1")).getMessage()).contains("TotalAmount").contains("integer digits");
        assertThat(refusal(vpc("1024", "1e-100000000")).getMessage()).contains("UsedAmount").contains("fraction digits");
    }

    @Test
    void zeroWithAHugeExponentIsZero() {
        assertThat(assertTimeoutPreemptively(GENEROUS, () -> Normalizers.normalize(RawEnvelopes.parse(
                baidu("0e100000000").getBytes(StandardCharsets.UTF_8))).getUsed())).isZero();
    }

    @Test
    void longNumbersAreRefusedByTheParser() {
        assertThat(refusal(baidu("1" + "0".repeat(5000))).getMessage())
                .contains("parser limit").contains("Number value length");
        assertThat(refusal(baidu("\"" + "9".repeat(5000) + "\"")).getMessage())
                .contains("numeric string of 5000 characters");
    }

    @Test
    void aHundredLevelNestingBombIsRefusedByTheParser() {
        String bomb = "[".repeat(100) + "]".repeat(100);
        assertThat(refusal(baidu("1000").replace("\"status\"", "\"bomb\":" + bomb + ",\"status\"")).getMessage())
                .contains("parser limit").contains("nesting depth").contains(String.valueOf(RawEnvelopeJson.MAX_NESTING_DEPTH));
    }

    @Test
    void aTenMegabyteStringIsRefusedBeforeParsingAndALongStringByTheParser() {
        String tenMb = "a".repeat(10 * 1024 * 1024);
        assertThat(refusal(baidu("1000").replace("\"status\"", "\"name\":\"" + tenMb + "\",\"status\"")).getMessage())
                .contains("exceeds the limit of " + RawEnvelopeJson.MAX_DOCUMENT_BYTES + " bytes");
        String halfMb = "a".repeat(512 * 1024);
        assertThat(refusal(baidu("1000").replace("\"status\"", "\"name\":\"" + halfMb + "\",\"status\"")).getMessage())
                .contains("parser limit").contains("String value length");
    }
}
