package io.packwatch.streams.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.packwatch.core.VendorApi;
import io.packwatch.core.topics.RecordLimits;
import java.io.IOException;
import java.time.Instant;

/** Parses raw envelope bytes into {@link RawEnvelope}, checking the envelope contract (not the vendor item). */
public final class RawEnvelopes {
    /** The largest raw record parsed: the raw topics' {@code max.message.bytes}. */
    static final int MAX_DOCUMENT_BYTES = RecordLimits.TOPIC_MAX_MESSAGE_BYTES;
    /** Longest JSON number, in characters: int64 has 19 digits, a GB decimal a dozen or so. */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Longest string value (vendor ids, names, times and tags are short). */
    static final int MAX_STRING_LENGTH = 64 * 1024;
    /** Longest field name. */
    static final int MAX_NAME_LENGTH = 1024;
    /** Deepest nesting: envelope, item, tag list, tag is four; vendor items nest a little more at most. */
    static final int MAX_NESTING_DEPTH = 32;

    /**
     * Floats stay exact decimals (VPC GB amounts): {@code 7.5} must never pass through a double. Hostile input is bounded
     * by the parser itself before any costly work (Jackson's StreamReadConstraints); magnitudes of numbers that are
     * short to write but huge to convert ({@code 1e100000000}) are bounded in {@link JsonFields#bounded}.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RawEnvelopes() {
    }

    public static RawEnvelope parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new NormalizationException("$", "empty record value (tombstone) where a raw envelope was expected");
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new NormalizationException("$", "record value of " + bytes.length + " bytes exceeds the limit of "
                    + MAX_DOCUMENT_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw new NormalizationException("$", "JSON exceeds a parser limit" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new NormalizationException("$", "malformed JSON" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new NormalizationException("$", "unreadable JSON: " + e.getMessage(), e);
        }
        return parse(root);
    }

    private static String at(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where == null ? "" : " at line " + where.getLineNr() + " column " + where.getColumnNr();
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
        if (VendorApi.find(api).isEmpty()) {
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
