package io.packwatch.streams.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The metadata of one raw envelope (schemas/src/main/resources/json/raw-envelope.schema.json) plus the untouched
 * vendor item or poll summary. Built only through {@link RawEnvelopes#parse}.
 *
 * @param region     vendor region, {@code null} where the API has none (Tencent Live)
 * @param instanceId Lighthouse only: the instance owning the package
 * @param item       the vendor's package object ({@code type=package}), otherwise {@code null}
 * @param summary    the poll-cycle summary ({@code type=poll-summary}), otherwise {@code null}
 */
public record RawEnvelope(
        Type type,
        String api,
        String account,
        String region,
        String pollId,
        Instant collectedAt,
        String requestId,
        String instanceId,
        Integer packageType,
        JsonNode item,
        JsonNode summary) {

    public enum Type { PACKAGE, POLL_SUMMARY }

    public boolean isPackage() {
        return type == Type.PACKAGE;
    }
}
