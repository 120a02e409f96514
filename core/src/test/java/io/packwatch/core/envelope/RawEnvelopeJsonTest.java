package io.packwatch.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.VendorApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Records written before the typed envelope (src/test/resources/envelope/v1: the bytes the collectors produced from
 * the contract's examples, schemas/src/main/resources/json/examples, through a Jackson tree) still read, and written
 * again they are the same bytes.
 */
class RawEnvelopeJsonTest {

    private static byte[] recorded(String name) throws IOException {
        try (InputStream in = RawEnvelopeJsonTest.class.getResourceAsStream("/envelope/v1/" + name + ".json")) {
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tencent-vpc-package", "tencent-lighthouse-package", "tencent-live-package",
            "baidu-eip-package", "poll-summary"})
    void recordedRecordsReadAndWriteBackByteForByte(String name) throws IOException {
        byte[] old = recorded(name);
        RawEnvelope envelope = RawEnvelopeJson.read(old);
        assertThat(new String(RawEnvelopeJson.write(envelope), StandardCharsets.UTF_8))
                .isEqualTo(new String(old, StandardCharsets.UTF_8));
    }

    @Test
    void aRecordedPackageReadsIntoTheTypedFields() throws IOException {
        RawEnvelope e = RawEnvelopeJson.read(recorded("tencent-lighthouse-package"));
        assertThat(e.type()).isEqualTo(RawEnvelope.Type.PACKAGE);
        assertThat(e.api()).isEqualTo(VendorApi.TENCENT_LIGHTHOUSE);
        assertThat(e.instanceId()).isNotNull();
        assertThat(e.summary()).isNull();
        assertThat(e.packageKey("lhtfp-1")).isEqualTo("tencent-lighthouse/" + e.account() + "/" + e.region() + "/"
                + e.instanceId() + "/lhtfp-1");

        RawEnvelope vpc = RawEnvelopeJson.read(recorded("tencent-vpc-package"));
        // an exact decimal, never a double
        assertThat(vpc.item().get("RemainingAmount").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(vpc.item().get("RemainingAmount").isBigDecimal()).isTrue();

        RawEnvelope live = RawEnvelopeJson.read(recorded("tencent-live-package"));
        assertThat(live.region()).isNull();
        assertThat(live.packageType()).isZero();
        assertThat(live.packageKey("281975")).isEqualTo("tencent-live/prod-main/-/281975");
    }

    @Test
    void aRecordedSummaryReadsIntoTheTypedSummary() throws IOException {
        RawEnvelope e = RawEnvelopeJson.read(recorded("poll-summary"));
        assertThat(e.type()).isEqualTo(RawEnvelope.Type.POLL_SUMMARY);
        assertThat(e.item()).isNull();
        assertThat(e.summaryKey()).isEqualTo("baidu-eip/prod-main/bj");
        assertThat(e.scopePrefix()).isEqualTo("baidu-eip/prod-main/bj/");
        PollSummary s = e.summary();
        assertThat(s.complete()).isFalse();
        assertThat(s.startedAt()).isEqualTo(Instant.parse("2024-07-16T10:46:08Z"));
        assertThat(s.finishedAt()).isEqualTo(Instant.parse("2024-07-16T10:46:09.400Z"));
        assertThat(s.packagesSeen()).isEqualTo(1000);
        assertThat(s.incompleteReasons()).extracting(PollSummary.Reason::code).containsExactly("InternalError");
    }

    @Test
    void onlyTheFieldsTheAppNeedsAreRequired() {
        RawEnvelope e = RawEnvelopeJson.read(utf8("{\"envelopeVersion\":1,\"type\":\"package\",\"api\":\"baidu-eip\","
                + "\"account\":\"a\",\"pollId\":\"p\",\"collectedAt\":\"2024-07-16T10:46:08+08:00\",\"future\":{\"x\":[1]},"
                + "\"item\":{\"id\":\"tp-1\"}}"));
        assertThat(e.collectedAt()).isEqualTo(Instant.parse("2024-07-16T02:46:08Z"));
        assertThat(e.vendor()).isNull();
        assertThat(e.region()).isNull();
        assertThat(e.item().get("id").asText()).isEqualTo("tp-1");
    }

    @Test
    void contractBreachesNameTheField() {
        String base = "\"type\":\"package\",\"api\":\"baidu-eip\",\"account\":\"a\",\"pollId\":\"p\","
                + "\"collectedAt\":\"2024-07-16T10:46:08Z\",\"item\":{}";
        assertRefused("{\"envelopeVersion\":2," + base + "}", "$.envelopeVersion", "unsupported envelope version 2");
        assertRefused("{" + base + "}", "$.envelopeVersion", "unsupported envelope version null");
        assertRefused("{\"envelopeVersion\":1," + base.replace("baidu-eip", "aws-s3") + "}", "$.api", "unknown api 'aws-s3'");
        assertRefused("{\"envelopeVersion\":1," + base.replace("\"a\"", "{}") + "}", "$.account", "expected a string but got OBJECT");
        assertRefused("{\"envelopeVersion\":1," + base.replace("\"p\"", "\" \"") + "}", "$.pollId", "must not be blank");
        assertRefused("{\"envelopeVersion\":1," + base.replace("\"item\":{}", "\"item\":[]") + "}", "$.item", "must be an object");
        assertRefused("{\"envelopeVersion\":1," + base.replace("\"item\":{}", "\"item\":null") + "}", "$.item", "required for type=package");
        assertRefused("{\"envelopeVersion\":1," + base.replace("10:46:08Z", "soon") + "}", "$.collectedAt", "unparseable UTC time");
        assertRefused("{\"envelopeVersion\":1," + base.replace("package", "poll-summary")
                .replace("\"item\":{}", "\"summary\":{\"complete\":true}") + "}", "$.summary.startedAt", "required time is missing");
        assertRefused("[1]", "$", "envelope must be a JSON object");
        assertRefused("{\"envelopeVersion\":1," + base + "} {}", "$", "malformed JSON");
        assertRefused("{\"envelopeVersion\":1,", "$", "malformed JSON");
        assertThatThrownBy(() -> RawEnvelopeJson.read(new byte[0])).hasMessageContaining("tombstone");
    }

    private static void assertRefused(String json, String field, String problem) {
        assertThatThrownBy(() -> RawEnvelopeJson.read(utf8(json)))
                .isInstanceOfSatisfying(EnvelopeException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void hostileInputIsRefusedByTheBoundsBeforeAnyCostlyWork() {
        String head = "{\"envelopeVersion\":1,\"type\":\"package\",\"api\":\"baidu-eip\",\"account\":\"a\",\"pollId\":\"p\","
                + "\"collectedAt\":\"2024-07-16T10:46:08Z\",\"item\":";
        assertRefused(head + "[".repeat(100) + "]".repeat(100) + "}", "$", "nesting depth");
        assertRefused(head + "{\"n\":1" + "0".repeat(5000) + "}}", "$", "Number value length");
        assertRefused(head + "{\"s\":\"" + "a".repeat(512 * 1024) + "\"}}", "$", "String value length");
        byte[] tooLarge = new byte[RawEnvelopeJson.MAX_DOCUMENT_BYTES + 1];
        assertThatThrownBy(() -> RawEnvelopeJson.read(tooLarge))
                .hasMessageContaining("exceeds the limit of " + RawEnvelopeJson.MAX_DOCUMENT_BYTES + " bytes");
    }

    @Test
    void writtenEnvelopesReadBackEqual() {
        JsonNode item = RawEnvelopeJson.read(utf8("{\"envelopeVersion\":1,\"type\":\"package\",\"api\":\"tencent-vpc\","
                + "\"account\":\"a\",\"pollId\":\"p\",\"collectedAt\":\"2024-07-16T10:46:08Z\",\"item\":{\"TotalAmount\":7.50}}")).item();
        RawEnvelope pkg = new RawEnvelope(RawEnvelope.Type.PACKAGE, VendorApi.TENCENT_VPC, "tencent", "vpc", "acct",
                "ap-guangzhou", "DescribeTrafficPackages", "2017-03-12", "poll-1", Instant.parse("2024-07-16T10:46:08.120Z"),
                "req-1", "0.1.0", null, null, item, null);
        assertThat(RawEnvelopeJson.read(RawEnvelopeJson.write(pkg))).isEqualTo(pkg);
        assertThat(new String(RawEnvelopeJson.write(pkg), StandardCharsets.UTF_8)).contains("\"TotalAmount\":7.50");

        RawEnvelope summary = new RawEnvelope(RawEnvelope.Type.POLL_SUMMARY, VendorApi.TENCENT_LIVE, "tencent", "live",
                "acct", null, "DescribeLivePackageInfo", "2018-08-01", "poll-2", Instant.parse("2024-07-16T10:47:00Z"),
                null, "0.1.0", null, null, null, new PollSummary(true, 3, 1, Instant.parse("2024-07-16T10:46:00Z"),
                Instant.parse("2024-07-16T10:47:00Z"), false, List.of()));
        assertThat(RawEnvelopeJson.read(RawEnvelopeJson.write(summary))).isEqualTo(summary);
    }
}
