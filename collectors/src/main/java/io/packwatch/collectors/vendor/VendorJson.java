package io.packwatch.collectors.vendor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.packwatch.core.topics.RecordLimits;
import java.io.IOException;
import java.io.InputStream;

/**
 * The JSON mapper for vendor payloads: floats are read as exact BigDecimals (VPC GB amounts like 7.50 keep their
 * digits) and integers as the smallest exact type, so re-serialising an item reproduces the vendor's values.
 * A vendor page is bounded while it is read (document size, nesting, number and string lengths), so a hostile or
 * broken page costs at most {@link RecordLimits#VENDOR_PAGE_MAX_BYTES} and is refused with the limit it broke.
 */
public final class VendorJson {
    /** Error code of a page refused by the bounds (not retried: the same page would be refused again). */
    public static final String PAGE_REFUSED = "ResponseRefused";

    static final StreamReadConstraints PAGE_CONSTRAINTS = StreamReadConstraints.builder()
            .maxDocumentLength(RecordLimits.VENDOR_PAGE_MAX_BYTES)
            .maxNestingDepth(64)
            .maxNumberLength(64)
            .maxStringLength(1024 * 1024)
            .build();

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(PAGE_CONSTRAINTS).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private VendorJson() { }

    /** A response body as a tree; a page over the bounds is refused (not JSON is the caller's to report). */
    public static JsonNode readPage(String body, String requestId) throws VendorCallException, JsonProcessingException {
        try {
            return MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw refused(e, requestId);
        }
    }

    /** The same from a stream, which is read no further than the bounds allow. */
    public static JsonNode readPage(InputStream body, String requestId) throws VendorCallException, IOException {
        try (InputStream in = body) {
            return MAPPER.readTree(in);
        } catch (StreamConstraintsException e) {
            throw refused(e, requestId);
        }
    }

    private static VendorCallException refused(StreamConstraintsException e, String requestId) {
        return new VendorCallException(PAGE_REFUSED, "vendor response refused unread: " + e.getOriginalMessage(),
                requestId, Retryability.FATAL, null);
    }
}
