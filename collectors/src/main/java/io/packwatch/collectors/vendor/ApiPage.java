package io.packwatch.collectors.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One successful vendor response: for Tencent the content of {@code Response}, for Baidu the body.
 * The tree keeps numbers exactly as the vendor wrote them (see {@link VendorJson}).
 */
public record ApiPage(JsonNode body, String requestId, Instant receivedAt) { }
