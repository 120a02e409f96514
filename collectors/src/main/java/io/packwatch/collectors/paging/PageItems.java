package io.packwatch.collectors.paging;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.collectors.vendor.ApiPage;

/** Small helpers to read the paging fields of a page strictly (a missing array is a malformed page, not "empty"). */
final class PageItems {
    private PageItems() { }

    static JsonNode array(ApiPage page, String field) throws MalformedPageException {
        JsonNode node = page.body().get(field);
        if (node == null || node.isNull()) {
            throw new MalformedPageException("response has no " + field, page.requestId());
        }
        if (!node.isArray()) {
            throw new MalformedPageException(field + " is not an array", page.requestId());
        }
        return node;
    }

    static long number(ApiPage page, String field) throws MalformedPageException {
        JsonNode node = page.body().get(field);
        if (node == null || !node.canConvertToLong()) {
            throw new MalformedPageException("response has no numeric " + field, page.requestId());
        }
        return node.asLong();
    }

    /** The item's id as text (Live ids are digit strings; a number is accepted too); null when absent. */
    static String id(JsonNode item, String field) {
        JsonNode id = item.get(field);
        return id == null || id.isNull() || id.asText().isEmpty() ? null : id.asText();
    }
}
