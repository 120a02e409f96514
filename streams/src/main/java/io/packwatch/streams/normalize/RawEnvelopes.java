package io.packwatch.streams.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/** Parses raw envelope bytes into {@link RawEnvelope}, checking the envelope contract (not the vendor item). */
public final class RawEnvelopes {
    /** Floats stay exact decimals (VPC GB amounts): {@code 7.5} must never pass through a double. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> APIS = Set.of("tencent-vpc", "tencent-lighthouse", "tencent-live", "baidu-eip");

    private RawEnvelopes() {
    }

    public static RawEnvelope parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new NormalizationException("$", "empty record value (tombstone) where a raw envelope was expected");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new NormalizationException("$", "malformed JSON at line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new NormalizationException("$", "unreadable JSON: " + e.getMessage(), e);
        }
        return parse(root);
    }

    public static RawEnvelope parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new NormalizationException("$", "envelope must be a JSON object");
        }
        JsonFields f = new JsonFields(root, "$");
        Integer version = f.optionalInt("envelopeVersion");
        if (version == null || version != 1) {
            throw new NormalizationException("$.envelopeVersion", "unsupported envelope version " + version + " (expected 1)");
        }
        String typeText = f.requiredText("type");
        RawEnvelope.Type type = switch (typeText) {
            case "package" -> RawEnvelope.Type.PACKAGE;
            case "poll-summary" -> RawEnvelope.Type.POLL_SUMMARY;
            default -> throw new NormalizationException("$.type", "unknown envelope type '" + JsonFields.abbreviate(typeText) + "'");
        };
        String api = f.requiredText("api");
        if (!APIS.contains(api)) {
            throw new NormalizationException("$.api", "unknown api '" + JsonFields.abbreviate(api) + "'");
        }
        String account = f.requiredText("account");
        String pollId = f.requiredText("pollId");
        Instant collectedAt = f.optionalUtcInstant("collectedAt");
        if (collectedAt == null) {
            throw new NormalizationException("$.collectedAt", "required field is missing");
        }
        JsonNode item = f.get("item");
        JsonNode summary = f.get("summary");
        if (type == RawEnvelope.Type.PACKAGE && (item == null || !item.isObject())) {
            throw new NormalizationException("$.item", item == null ? "required for type=package" : "must be an object");
        }
        if (type == RawEnvelope.Type.POLL_SUMMARY && (summary == null || !summary.isObject())) {
            throw new NormalizationException("$.summary", summary == null ? "required for type=poll-summary" : "must be an object");
        }
        return new RawEnvelope(type, api, account, f.optionalText("region"), pollId, collectedAt,
                f.optionalText("requestId"), f.optionalText("instanceId"), f.optionalInt("packageType"),
                type == RawEnvelope.Type.PACKAGE ? item : null,
                type == RawEnvelope.Type.POLL_SUMMARY ? summary : null);
    }
}
