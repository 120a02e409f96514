package io.packwatch.core.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.packwatch.core.VendorApi;
import io.packwatch.core.topics.RecordLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link RawEnvelope}s as the raw topics carry them (raw-envelope.schema.json, version 1).
 *
 * <p>Reading streams over the envelope's own fields with Jackson's parser, into the typed record, and keeps only the
 * vendor item as a tree (each normalizer reads its API's fields from it). It checks the envelope contract the streams
 * app relies on ({@code envelopeVersion} 1, a known {@code type} and {@code api}, {@code account}, {@code pollId},
 * {@code collectedAt}, an object {@code item} or {@code summary} as the type requires); other fields are optional, as
 * they always were, so every record written so far still reads. Hostile input is bounded before any costly work: the
 * record size first, then sizes, nesting and number lengths by the parser itself (StreamReadConstraints).
 *
 * <p>Writing produces the bytes the collectors have always produced: every field in the contract's order, absent
 * values as JSON null, times as UTC with milliseconds.
 */
public final class RawEnvelopeJson {
    /** The largest raw record read: the raw topics' {@code max.message.bytes}. */
    public static final int MAX_DOCUMENT_BYTES = RecordLimits.TOPIC_MAX_MESSAGE_BYTES;
    /** Longest JSON number, in characters: int64 has 19 digits, a GB decimal a dozen or so. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest string value (vendor ids, names, times and tags are short). */
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    /** Longest field name. */
    public static final int MAX_NAME_LENGTH = 1024;
    /** Deepest nesting: envelope, item, tag list, tag is four; vendor items nest a little more at most. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Times as the collectors write them. */
    public static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Floats stay exact decimals (VPC GB amounts): {@code 7.5} must never pass through a double, and {@code 7.50} keeps
     * its zero. Magnitudes of numbers that are short to write but huge to convert ({@code 1e100000000}) are the
     * reader of the amount's to bound (the normalizers check precision and scale before converting).
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
            .build();

    private RawEnvelopeJson() {
    }

    /**
     * The envelope in {@code bytes}.
     *
     * @throws EnvelopeException naming the field and the problem: not JSON, over a bound, or not the contract
     */
    public static RawEnvelope read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new EnvelopeException("$", "empty record value (tombstone) where a raw envelope was expected");
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new EnvelopeException("$", "record value of " + bytes.length + " bytes exceeds the limit of "
                    + MAX_DOCUMENT_BYTES + " bytes");
        }
        Fields fields;
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            fields = Fields.read(parser);
        } catch (StreamConstraintsException e) {
            throw new EnvelopeException("$", "JSON exceeds a parser limit" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new EnvelopeException("$", "malformed JSON" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EnvelopeException("$", "unreadable JSON: " + e.getMessage(), e);
        }
        return fields.envelope();
    }

    private static String at(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where == null ? "" : " at line " + where.getLineNr() + " column " + where.getColumnNr();
    }

    /** The bytes of {@code envelope}, in the contract's field order. */
    public static byte[] write(RawEnvelope envelope) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(MAPPER.getFactory()._getBufferRecycler(), 1024);
             JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("envelopeVersion", RawEnvelope.VERSION);
            g.writeStringField("type", envelope.type().wire());
            g.writeStringField("api", envelope.api().id());
            g.writeStringField("vendor", envelope.vendor());
            g.writeStringField("product", envelope.product());
            g.writeStringField("account", envelope.account());
            g.writeStringField("region", envelope.region());
            g.writeStringField("action", envelope.action());
            g.writeStringField("apiVersion", envelope.apiVersion());
            g.writeStringField("pollId", envelope.pollId());
            g.writeStringField("collectedAt", time(envelope.collectedAt()));
            g.writeStringField("requestId", envelope.requestId());
            g.writeStringField("collectorVersion", envelope.collectorVersion());
            g.writeStringField("instanceId", envelope.instanceId());
            g.writeFieldName("packageType");
            if (envelope.packageType() == null) {
                g.writeNull();
            } else {
                g.writeNumber(envelope.packageType());
            }
            if (envelope.isPackage()) {
                g.writeFieldName("item");
                MAPPER.writeTree(g, envelope.item());
            } else {
                g.writeFieldName("summary");
                writeSummary(g, envelope.summary());
            }
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            // writing to memory fails only on a broken tree (a bug of ours), never on the network
            throw new UncheckedIOException("cannot write a raw envelope", e);
        }
    }

    private static void writeSummary(JsonGenerator g, PollSummary s) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("complete", s.complete());
        writeInteger(g, "packagesSeen", s.packagesSeen());
        writeInteger(g, "pages", s.pages());
        g.writeStringField("startedAt", time(s.startedAt()));
        g.writeStringField("finishedAt", time(s.finishedAt()));
        g.writeFieldName("abandoned");
        if (s.abandoned() == null) {
            g.writeNull();
        } else {
            g.writeBoolean(s.abandoned());
        }
        g.writeArrayFieldStart("incompleteReasons");
        for (PollSummary.Reason r : s.incompleteReasons()) {
            g.writeStartObject();
            g.writeStringField("code", r.code());
            g.writeStringField("message", r.message());
            g.writeStringField("requestId", r.requestId());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeInteger(JsonGenerator g, String name, Integer value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : UTC_MILLIS.format(t);
    }

    /**
     * A header field as it came: its token and text. Fields are first collected, then checked in the contract's order,
     * so a record breaking several rules is always refused for the same one.
     */
    private record Scalar(JsonToken token, String text) {
        /** JSON null counts as absent, as in Tencent's "may return null". */
        static Scalar of(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            return switch (t) {
                case VALUE_NULL -> null;
                case START_OBJECT, START_ARRAY -> {
                    p.skipChildren();
                    yield new Scalar(t, "");
                }
                // as a decimal, so "1.50" stays "1.50" and an exponent reads as BigDecimal writes it
                case VALUE_NUMBER_FLOAT -> new Scalar(t, p.getDecimalValue().toString());
                default -> new Scalar(t, p.getText());
            };
        }

        boolean isTextual() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }

        String nodeType() {
            return switch (token) {
                case START_OBJECT -> "OBJECT";
                case START_ARRAY -> "ARRAY";
                case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
                case VALUE_STRING -> "STRING";
                default -> "NUMBER";
            };
        }
    }

    /** The fields of one envelope as read, before the contract is checked. */
    private static final class Fields {
        Scalar envelopeVersion;
        Scalar type;
        Scalar api;
        Scalar vendor;
        Scalar product;
        Scalar account;
        Scalar region;
        Scalar action;
        Scalar apiVersion;
        Scalar pollId;
        Scalar collectedAt;
        Scalar requestId;
        Scalar collectorVersion;
        Scalar instanceId;
        Scalar packageType;
        JsonNode item;
        JsonNode summary;

        static Fields read(JsonParser p) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EnvelopeException("$", "envelope must be a JSON object");
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                // a repeated field: the last one counts, as it did when envelopes were read into a tree
                switch (name) {
                    case "envelopeVersion" -> f.envelopeVersion = Scalar.of(p);
                    case "type" -> f.type = Scalar.of(p);
                    case "api" -> f.api = Scalar.of(p);
                    case "vendor" -> f.vendor = Scalar.of(p);
                    case "product" -> f.product = Scalar.of(p);
                    case "account" -> f.account = Scalar.of(p);
                    case "region" -> f.region = Scalar.of(p);
                    case "action" -> f.action = Scalar.of(p);
                    case "apiVersion" -> f.apiVersion = Scalar.of(p);
                    case "pollId" -> f.pollId = Scalar.of(p);
                    case "collectedAt" -> f.collectedAt = Scalar.of(p);
                    case "requestId" -> f.requestId = Scalar.of(p);
                    case "collectorVersion" -> f.collectorVersion = Scalar.of(p);
                    case "instanceId" -> f.instanceId = Scalar.of(p);
                    case "packageType" -> f.packageType = Scalar.of(p);
                    case "item" -> f.item = tree(p);
                    case "summary" -> f.summary = tree(p);
                    default -> p.skipChildren();   // unknown fields are allowed (the contract may grow)
                }
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new EnvelopeException("$", "malformed JSON at line " + p.currentLocation().getLineNr() + " column "
                        + p.currentLocation().getColumnNr() + ": trailing token (of type " + trailing + ") after the envelope");
            }
            return f;
        }

        private static JsonNode tree(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            return MAPPER.readTree(p);
        }

        RawEnvelope envelope() {
            Integer version = optionalInt("envelopeVersion", envelopeVersion);
            if (version == null || version != RawEnvelope.VERSION) {
                throw new EnvelopeException("$.envelopeVersion", "unsupported envelope version " + version + " (expected 1)");
            }
            String typeText = requiredText("type", type);
            RawEnvelope.Type t = switch (typeText) {
                case "package" -> RawEnvelope.Type.PACKAGE;
                case "poll-summary" -> RawEnvelope.Type.POLL_SUMMARY;
                default -> throw new EnvelopeException("$.type", "unknown envelope type '" + abbreviate(typeText) + "'");
            };
            VendorApi vendorApi = api(requiredText("api", api));
            String acct = requiredText("account", account);
            String poll = requiredText("pollId", pollId);
            String collectedText = optionalText("collectedAt", collectedAt);
            if (collectedText == null || collectedText.isEmpty()) {
                throw new EnvelopeException("$.collectedAt", "required field is missing");
            }
            Instant collected = utcTime("$.collectedAt", collectedText);
            if (t == RawEnvelope.Type.PACKAGE && (item == null || !item.isObject())) {
                throw new EnvelopeException("$.item", item == null ? "required for type=package" : "must be an object");
            }
            if (t == RawEnvelope.Type.POLL_SUMMARY && (summary == null || !summary.isObject())) {
                throw new EnvelopeException("$.summary", summary == null ? "required for type=poll-summary" : "must be an object");
            }
            return new RawEnvelope(t, vendorApi, optionalText("vendor", vendor), optionalText("product", product), acct,
                    optionalText("region", region), optionalText("action", action), optionalText("apiVersion", apiVersion),
                    poll, collected, optionalText("requestId", requestId), optionalText("collectorVersion", collectorVersion),
                    optionalText("instanceId", instanceId), optionalInt("packageType", packageType),
                    t == RawEnvelope.Type.PACKAGE ? item : null,
                    t == RawEnvelope.Type.POLL_SUMMARY ? pollSummary(summary) : null);
        }

        private static VendorApi api(String id) {
            for (VendorApi a : VendorApi.values()) {
                if (a.id().equals(id)) {
                    return a;
                }
            }
            throw new EnvelopeException("$.api", "unknown api '" + abbreviate(id) + "'");
        }

        private static String requiredText(String name, Scalar v) {
            String text = optionalText(name, v);
            if (text == null || text.isBlank()) {
                throw new EnvelopeException("$." + name, text == null ? "required field is missing" : "must not be blank");
            }
            return text;
        }

        /** A string field; numbers are accepted as their text (ids are sometimes digits). */
        private static String optionalText(String name, Scalar v) {
            if (v == null) {
                return null;
            }
            if (v.isTextual() || v.isNumber()) {
                return v.text();
            }
            throw new EnvelopeException("$." + name, "expected a string but got " + v.nodeType());
        }

        private static Integer optionalInt(String name, Scalar v) {
            if (v == null) {
                return null;
            }
            try {
                if (v.token() == JsonToken.VALUE_NUMBER_INT || v.isTextual()) {
                    return Integer.valueOf(v.text().trim());
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw new EnvelopeException("$." + name, "expected an integer but got '" + abbreviate(v.text()) + "'");
        }
    }

    /** A summary is read strictly where it decides something (complete, startedAt) and as written elsewhere. */
    private static PollSummary pollSummary(JsonNode s) {
        JsonNode complete = s.get("complete");
        if (complete == null || !complete.isBoolean()) {
            throw new EnvelopeException("$.summary.complete", "required boolean is missing");
        }
        JsonNode started = s.get("startedAt");
        if (started == null || !started.isTextual()) {
            throw new EnvelopeException("$.summary.startedAt", "required time is missing");
        }
        Instant startedAt;
        try {
            startedAt = IsoTimes.parseOffsetDateTime(started.asText());
        } catch (DateTimeParseException e) {
            throw new EnvelopeException("$.summary.startedAt", "unparseable UTC time", e);
        }
        List<PollSummary.Reason> reasons = new ArrayList<>();
        JsonNode list = s.get("incompleteReasons");
        if (list != null && list.isArray()) {
            for (JsonNode r : list) {
                reasons.add(new PollSummary.Reason(textOrNull(r.get("code")), textOrNull(r.get("message")),
                        textOrNull(r.get("requestId"))));
            }
        }
        return new PollSummary(complete.booleanValue(), intOrNull(s.get("packagesSeen")), intOrNull(s.get("pages")),
                startedAt, timeOrNull(s.get("finishedAt")), s.path("abandoned").isBoolean() ? s.get("abandoned").booleanValue() : null,
                reasons);
    }

    private static Instant utcTime(String path, String text) {
        try {
            return IsoTimes.parseOffsetDateTime(text);
        } catch (DateTimeParseException e) {
            throw new EnvelopeException(path, "unparseable UTC time '" + abbreviate(text) + "'", e);
        }
    }

    private static String textOrNull(JsonNode n) {
        return n == null || !n.isValueNode() || n.isNull() ? null : n.asText();
    }

    private static Integer intOrNull(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.intValue() : null;
    }

    private static Instant timeOrNull(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return IsoTimes.parseOffsetDateTime(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** At most 40 characters of a value for an error message (a message never carries a payload). */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
