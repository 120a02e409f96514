package io.packwatch.collectors.vendor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The JSON mapper for vendor payloads: floats are read as exact BigDecimals (VPC GB amounts like 7.50 keep their
 * digits) and integers as the smallest exact type, so re-serialising an item reproduces the vendor's values.
 */
public final class VendorJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private VendorJson() { }
}
