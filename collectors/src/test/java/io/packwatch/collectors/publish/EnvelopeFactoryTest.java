package io.packwatch.collectors.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.paging.FoundItem;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.paging.ListingOutcome;
import io.packwatch.collectors.vendor.VendorJson;
import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.core.envelope.RawEnvelopeJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our envelopes reproduce the contract's examples (schemas/src/main/resources/json/examples) field for field. */
class EnvelopeFactoryTest {
    private static final Path EXAMPLES = Path.of("../schemas/src/main/resources/json/examples");
    private final EnvelopeFactory factory = new EnvelopeFactory("0.1.0");

    private static JsonNode example(String name) throws Exception {
        return VendorJson.MAPPER.readTree(Files.readString(EXAMPLES.resolve(name + ".json")));
    }

    /** As the collector publishes it: the bytes {@link RawEnvelopeJson} writes, read back as a tree. */
    private static JsonNode written(RawEnvelope envelope) throws Exception {
        return VendorJson.MAPPER.readTree(RawEnvelopeJson.write(envelope));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void packageEnvelopesEqualTheContractExamples() throws Exception {
        for (VendorApi api : VendorApi.values()) {
            JsonNode expected = example(api.id() + "-package");
            JsonNode item = expected.get("item");
            String region = expected.get("region").isNull() ? "" : expected.get("region").asText();
            PollContext ctx = new PollContext(api, expected.get("account").asText(), region, expected.get("pollId").asText());
            String idField = switch (api) {
                case TENCENT_VPC, TENCENT_LIGHTHOUSE -> "TrafficPackageId";
                case TENCENT_LIVE, TENCENT_CDN -> "Id";
                case BAIDU_EIP -> "id";
            };
            FoundItem found = new FoundItem(item, item.get(idField).asText(),
                    expected.get("instanceId").isNull() ? null : expected.get("instanceId").asText(),
                    expected.get("packageType").isNull() ? null : expected.get("packageType").asInt());
            JsonNode actual = written(factory.packageEnvelope(ctx, found, expected.get("requestId").asText(),
                    Instant.parse(expected.get("collectedAt").asText())));
            assertThat(actual).as(api.id()).isEqualTo(expected);
            assertThat(fieldNames(actual)).isEqualTo(fieldNames(expected));
            // Serialised and read back, the item is still the vendor's item (exact decimals included).
            assertThat(VendorJson.MAPPER.readTree(VendorJson.MAPPER.writeValueAsBytes(actual)).get("item")).isEqualTo(item);
        }
    }

    @Test
    void summaryEqualsTheContractExample() throws Exception {
        JsonNode expected = example("poll-summary");
        JsonNode s = expected.get("summary");
        PollContext ctx = new PollContext(VendorApi.BAIDU_EIP, "prod-main", "bj", expected.get("pollId").asText());
        JsonNode reason = s.at("/incompleteReasons/0");
        List<IncompleteReason> reasons = List.of(new IncompleteReason(reason.get("code").asText(), reason.get("message").asText(),
                reason.get("requestId").asText()));
        JsonNode actual = written(factory.summaryEnvelope(ctx, new ListingOutcome(s.get("pages").asInt(), s.get("packagesSeen").asInt(),
                        reasons, false), false, reasons, Instant.parse(s.get("startedAt").asText()),
                Instant.parse(s.get("finishedAt").asText())));
        assertThat(actual).isEqualTo(expected);
        assertThat(fieldNames(actual.get("summary"))).isEqualTo(fieldNames(s));
    }
}
