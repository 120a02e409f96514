package io.packwatch.streams;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static io.packwatch.streams.Envelopes.seed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.dlq.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad raw data lands on the DLQ with its original bytes and headers, and the next record still flows. */
class DeadLetterTest {
    private static final Instant COLLECTED = Instant.parse("2024-07-16T10:46:08Z");
    private static final Instant TS = Instant.parse("2024-07-16T10:46:09Z");

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

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Pipes {@code bad}, then a good Baidu record; asserts one DLQ record for {@code bad} and the good snapshot after it. */
    private TestRecord<byte[], byte[]> deadLettered(VendorApi api, String key, byte[] bad) {
        t.pipe(api, key, bad, TS);
        JsonNode good = seed("baidu-eip-detail.json");
        t.pipe(VendorApi.BAIDU_EIP, "baidu-eip/prod/bj/tp-87V5cnkwqO", bytes(pkg("baidu-eip", "prod", "bj", "p", COLLECTED, good)), TS);

        assertThat(t.packages.readValuesToList()).extracting(PackageSnapshot::getPackageId).containsExactly("tp-87V5cnkwqO");
        assertThat(t.dlq.getQueueSize()).isEqualTo(1);
        TestRecord<byte[], byte[]> dead = t.dlq.readRecord();
        assertThat(dead.value()).isEqualTo(bad);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(header(dead.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(t.topics.raw(api).name());
        assertThat(header(dead.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead.headers(), DeadLetter.VENDOR)).isEqualTo(api.id());
        assertThat(dead.getRecordTime()).isEqualTo(TS);
        return dead;
    }

    private void assertError(TestRecord<byte[], byte[]> dead, String messagePart) {
        assertThat(header(dead.headers(), DeadLetter.ERROR_CLASS))
                .isEqualTo("io.packwatch.streams.normalize.NormalizationException");
        assertThat(header(dead.headers(), DeadLetter.ERROR_MESSAGE)).contains(messagePart);
    }

    private byte[] vpcWith(Consumer<ObjectNode> edit) {
        ObjectNode item = (ObjectNode) seed("tencent-vpc-DescribeTrafficPackages.json").at("/Response/TrafficPackageSet/0").deepCopy();
        edit.accept(item);
        return bytes(pkg("tencent-vpc", "prod", "ap-guangzhou", "p", COLLECTED, item));
    }

    @Test
    void malformedJsonIsDeadLetteredWithItsOriginalBytesAndHeaders() {
        byte[] bad = "{\"envelopeVersion\":1,\"type\":\"package\",".getBytes(StandardCharsets.UTF_8);
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.TENCENT_VPC, "tencent-vpc/prod/ap-guangzhou/x", bad);
        assertError(dead, "$: malformed JSON");
    }

    @Test
    void originalHeadersTravelWithTheDeadLetter() {
        t.raw.get(VendorApi.TENCENT_VPC).pipeInput(new TestRecord<>("k", "not json".getBytes(StandardCharsets.UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders().add("pw.api", "tencent-vpc".getBytes(StandardCharsets.UTF_8)), TS));
        TestRecord<byte[], byte[]> dead = t.dlq.readRecord();
        assertThat(header(dead.headers(), "pw.api")).isEqualTo("tencent-vpc");
        assertThat(header(dead.headers(), DeadLetter.ERROR_MESSAGE)).contains("malformed JSON");
    }

    @Test
    void emptyValueIsDeadLettered() {
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.TENCENT_LIVE, "k", new byte[0]);
        assertError(dead, "empty record value");
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"TrafficPackageId, item.TrafficPackageId: required field is missing",
            "TotalAmount, item.TotalAmount: required amount is missing",
            "UsedAmount, item.UsedAmount: required amount is missing"})
    void missingRequiredVendorFieldsAreDeadLettered(String field, String message) {
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.TENCENT_VPC, "k", vpcWith(item -> item.remove(field)));
        assertError(dead, message);
    }

    @ParameterizedTest(name = "missing envelope field {0}")
    @CsvSource({"account", "pollId", "collectedAt", "item", "api"})
    void missingEnvelopeFieldsAreDeadLettered(String field) {
        ObjectNode env = pkg("baidu-eip", "prod", "bj", "p", COLLECTED, seed("baidu-eip-detail.json"));
        env.remove(field);
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.BAIDU_EIP, "k", bytes(env));
        assertError(dead, "$." + field);
    }

    @Test
    void negativeAmountIsDeadLettered() {
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.TENCENT_VPC, "k", vpcWith(item -> item.put("UsedAmount", -1)));
        assertError(dead, "item.UsedAmount: negative amount -1");
    }

    @Test
    void usedBeyondCapacityIsDeadLetteredButRoundingIsTolerated() {
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.TENCENT_VPC, "k",
                vpcWith(item -> item.put("UsedAmount", new java.math.BigDecimal("10.5"))));
        assertError(dead, "exceeds capacity");

        // within one part per million of capacity: the vendor's float rounding, accepted
        t.pipe(VendorApi.TENCENT_VPC, "k", vpcWith(item -> item.put("UsedAmount", new java.math.BigDecimal("10.000001"))), TS);
        assertThat(t.dlq.isEmpty()).isTrue();
        assertThat(t.packages.readValue().getUsed()).isEqualTo(10737419314L);
    }

    @Test
    void baiduUsedBeyondCapacityIsDeadLettered() {
        ObjectNode item = (ObjectNode) seed("baidu-eip-detail.json").deepCopy();
        item.put("usedCapacity", "10737418241");
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.BAIDU_EIP, "k", bytes(pkg("baidu-eip", "prod", "bj", "p", COLLECTED, item)));
        assertError(dead, "item.usedCapacity: used 10737418241 exceeds capacity 10737418240");
    }

    @Test
    void baiduNonNumericCapacityIsDeadLettered() {
        ObjectNode item = (ObjectNode) seed("baidu-eip-detail.json").deepCopy();
        item.put("capacity", "10G");
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.BAIDU_EIP, "k", bytes(pkg("baidu-eip", "prod", "bj", "p", COLLECTED, item)));
        assertError(dead, "item.capacity: not a number: '10G'");
    }

    @Test
    void fractionalBytesAreDeadLettered() {
        ObjectNode env = pkg("tencent-live", "prod", null, "p", COLLECTED, json("""
                {"Id":"1","Type":0,"Status":1,"Total":1000.5,"Used":1,"Left":999,"BuyTime":"2024-07-16 18:46:08","ExpireTime":"2025-07-16 18:46:08"}"""));
        TestRecord<byte[], byte[]> dead = deadLettered(VendorApi.TENCENT_LIVE, "k", bytes(env));
        assertError(dead, "item.Total: expected a whole number that fits int64, got 1000.5");
    }

    @Test
    void unparseableTimesAreDeadLettered() {
        assertError(deadLettered(VendorApi.TENCENT_VPC, "k", vpcWith(item -> item.put("Deadline", "2022-09-30 11:42:36"))),
                "item.Deadline: unparseable UTC time '2022-09-30 11:42:36'");
        t.close();
        t = new TopologyFixture(stateDir.resolve("2"));
        ObjectNode env = pkg("tencent-live", "prod", null, "p", COLLECTED, json("""
                {"Id":"1","Type":0,"Status":1,"Total":1000,"Used":1,"Left":999,"BuyTime":"2024-07-16T18:46:08Z","ExpireTime":"2025-07-16 18:46:08"}"""));
        assertError(deadLettered(VendorApi.TENCENT_LIVE, "k", bytes(env)),
                "item.BuyTime: unparseable Beijing time '2024-07-16T18:46:08Z' (expected yyyy-MM-dd HH:mm:ss)");
    }

    @Test
    void lighthouseWithoutInstanceIdIsDeadLettered() {
        ObjectNode env = pkg("tencent-lighthouse", "prod", "ap-guangzhou", "p", COLLECTED,
                seed("tencent-lighthouse-DescribeInstancesTrafficPackages.json").at("/Response/InstanceTrafficPackageSet/0/TrafficPackageSet/0"));
        assertError(deadLettered(VendorApi.TENCENT_LIGHTHOUSE, "k", bytes(env)), "$.instanceId: required for tencent-lighthouse");
    }

    @Test
    void envelopeOnTheWrongRawTopicIsDeadLettered() {
        byte[] vpc = vpcWith(item -> { });
        assertError(deadLettered(VendorApi.TENCENT_LIVE, "k", vpc), "envelope of api 'tencent-vpc' arrived on the raw topic of 'tencent-live'");
    }

    @Test
    void unsupportedEnvelopeVersionIsDeadLettered() {
        ObjectNode env = pkg("baidu-eip", "prod", "bj", "p", COLLECTED, seed("baidu-eip-detail.json"));
        env.put("envelopeVersion", 2);
        assertError(deadLettered(VendorApi.BAIDU_EIP, "k", bytes(env)), "unsupported envelope version 2");
    }

    @Test
    void unreadablePollSummaryIsDeadLettered() {
        ObjectNode env = Envelopes.summary("baidu-eip", "prod", "bj", "p", COLLECTED, true, COLLECTED);
        ((ObjectNode) env.get("summary")).remove("complete");
        assertError(deadLettered(VendorApi.BAIDU_EIP, "baidu-eip/prod/bj", bytes(env)), "$.summary.complete");
    }
}
