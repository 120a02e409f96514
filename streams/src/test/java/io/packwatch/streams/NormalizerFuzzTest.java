package io.packwatch.streams;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.pkg;
import static io.packwatch.streams.Envelopes.seed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the normalizers through the production topology: thousands of mutations of each vendor's seed
 * payload (fields replaced by values of the wrong type, number and nesting bombs, long strings, removed fields, then
 * sometimes bytes flipped, cut or inserted). Every input must end as exactly one record in {@code packages} or the
 * DLQ; the processing exception handler is Kafka's log-and-fail, so anything thrown out of a processor fails the
 * test; each input must complete within a generous bound. A failure names the seed and iteration to replay.
 */
class NormalizerFuzzTest {
    private static final long SEED = 20261203L;
    private static final int INPUTS_PER_VENDOR = 1500;
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    @TempDir
    Path stateDir;
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, Map.of(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailProcessingExceptionHandler.class.getName()));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @ParameterizedTest
    @EnumSource(VendorApi.class)
    void everyMutatedPayloadEndsInPackagesOrTheDlq(VendorApi api) {
        Random random = new Random(SEED + api.ordinal());
        ObjectNode original = seedEnvelope(api);
        int packages = 0;
        int dead = 0;
        for (int i = 0; i < INPUTS_PER_VENDOR; i++) {
            ObjectNode envelope = original.deepCopy();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                boolean header = random.nextInt(4) == 0 || !(envelope.get("item") instanceof ObjectNode);
                mutateTree(header ? envelope : (ObjectNode) envelope.get("item"), random);
            }
            byte[] value = random.nextInt(4) == 0 ? mutateBytes(bytes(envelope), random) : bytes(envelope);
            Instant at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i);
            String where = api + " seed " + SEED + " input " + i + ": " + preview(value);
            assertTimeoutPreemptively(BOUND, () -> fx.pipe(api, "fuzz", value, at), where);
            long outcomes = fx.packages.getQueueSize() + fx.dlq.getQueueSize();
            assertThat(outcomes).as(where).isEqualTo(1);
            packages += (int) fx.packages.getQueueSize();
            dead += (int) fx.dlq.getQueueSize();
            fx.packages.readRecordsToList();
            fx.dlq.readRecordsToList();
        }
        // the mutations are not all fatal: both outcomes occur, so the run exercised the normal path too
        assertThat(packages).as("inputs normalized").isPositive();
        assertThat(dead).as("inputs dead-lettered").isPositive();
    }

    private static ObjectNode seedEnvelope(VendorApi api) {
        Instant collected = Instant.parse("2026-11-01T00:00:00Z");
        return switch (api) {
            case TENCENT_VPC -> pkg("tencent-vpc", "prod", "ap-guangzhou", "p", collected,
                    seed("tencent-vpc-DescribeTrafficPackages.json").at("/Response/TrafficPackageSet/0"));
            case TENCENT_LIGHTHOUSE -> {
                JsonNode instance = seed("tencent-lighthouse-DescribeInstancesTrafficPackages.json")
                        .at("/Response/InstanceTrafficPackageSet/0");
                ObjectNode env = pkg("tencent-lighthouse", "prod", "ap-guangzhou", "p", collected, instance.at("/TrafficPackageSet/0"));
                env.put("instanceId", instance.get("InstanceId").asText());
                yield env;
            }
            case TENCENT_LIVE -> {
                ObjectNode env = pkg("tencent-live", "prod", null, "p", collected,
                        seed("tencent-live-DescribeLivePackageInfo.json").at("/Response/LivePackageInfoList/0"));
                env.put("packageType", 0);
                yield env;
            }
            case BAIDU_EIP -> pkg("baidu-eip", "prod", "bj", "p", collected, seed("baidu-eip-list.json").get("packageList").get(0));
            case TENCENT_CDN -> pkg("tencent-cdn", "prod", null, "p", collected,
                    seed("tencent-cdn-DescribeTrafficPackages.json").at("/Response/TrafficPackages/0"));
        };
    }

    private static void mutateTree(ObjectNode target, Random random) {
        List<String> fields = new ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        String field = fields.isEmpty() || random.nextInt(10) == 0 ? "extra" + random.nextInt(5)
                : fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(6)) {
            case 0 -> target.remove(field);
            case 1 -> target.set(field + "\u0000\uD83D\uDE00", target.get(field));
            default -> target.set(field, hostileValue(random));
        }
    }

    private static JsonNode hostileValue(Random random) {
        List<Supplier<JsonNode>> values = List.of(
                NODES::nullNode,
                () -> NODES.textNode(""),
                () -> NODES.textNode("x".repeat(1 + random.nextInt(100_000))),
                () -> NODES.textNode(randomText(random)),
                () -> NODES.numberNode(-1 - random.nextInt(1000)),
                () -> NODES.numberNode(Long.MAX_VALUE),
                () -> NODES.numberNode(Long.MIN_VALUE),
                () -> NODES.numberNode(new BigDecimal("1e100000000")),
                () -> NODES.numberNode(new BigDecimal("-1e-100000000")),
                () -> NODES.numberNode(new BigDecimal("1e" + random.nextInt(40))),
                () -> NODES.numberNode(new BigDecimal(random.nextInt(1000) + "." + random.nextInt(1000))),
                () -> NODES.numberNode(BigInteger.TEN.pow(20 + random.nextInt(40))),
                () -> NODES.numberNode(Double.NaN),
                () -> NODES.booleanNode(random.nextBoolean()),
                NODES::arrayNode,
                NODES::objectNode,
                () -> nested(1 + random.nextInt(60)),
                () -> NODES.textNode("2024-13-45T99:99:99Z"),
                () -> NODES.textNode("2024-07-16 10:46:08"),
                () -> NODES.textNode("1e100000000"),
                () -> NODES.textNode("9".repeat(1 + random.nextInt(200))),
                () -> NODES.numberNode(random.nextInt()));
        return values.get(random.nextInt(values.size())).get();
    }

    private static JsonNode nested(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            s.append((char) random.nextInt(0xD7FF));
        }
        return s.toString();
    }

    private static byte[] mutateBytes(byte[] value, Random random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] out = value.clone();
                for (int i = 1 + random.nextInt(5); i > 0 && out.length > 0; i--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                return out;
            }
            case 1 -> {
                return Arrays.copyOf(value, random.nextInt(value.length + 1));
            }
            default -> {
                int at = random.nextInt(value.length + 1);
                byte[] insert = "[".repeat(1 + random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[value.length + insert.length];
                System.arraycopy(value, 0, out, 0, at);
                System.arraycopy(insert, 0, out, at, insert.length);
                System.arraycopy(value, at, out, at + insert.length, value.length - at);
                return out;
            }
        }
    }

    private static String preview(byte[] value) {
        String s = new String(value, 0, Math.min(value.length, 300), StandardCharsets.UTF_8);
        return value.length > 300 ? s + "... (" + value.length + " bytes)" : s;
    }
}
