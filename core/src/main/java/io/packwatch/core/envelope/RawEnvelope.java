package io.packwatch.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.VendorApi;
import java.time.Instant;

/**
 * One record of a raw topic (schemas/src/main/resources/json/raw-envelope.schema.json, envelope version 1): the
 * collectors write it, the streams app reads it, both through {@link RawEnvelopeJson}. The vendor's package item stays a
 * JSON tree, unchanged field for field: each vendor API's normalizer reads its own fields from it.
 *
 * @param region          vendor region, null for Tencent Live, which has none
 * @param vendor          as written by the collector; null when a record lacks it (only the fields the streams app needs
 *                        are required to read one: see {@link RawEnvelopeJson#read})
 * @param collectedAt     when the response page was received (a summary: when the cycle finished)
 * @param requestId       the vendor request id of the page, null for a summary
 * @param instanceId      Lighthouse only: the instance owning the package
 * @param packageType     Tencent Live only: the request {@code PackageType} whose listing returned the item
 * @param item            {@code type=package}: the vendor's package object; otherwise null
 * @param summary         {@code type=poll-summary}: the cycle's summary; otherwise null
 */
public record RawEnvelope(
        Type type,
        VendorApi api,
        String vendor,
        String product,
        String account,
        String region,
        String action,
        String apiVersion,
        String pollId,
        Instant collectedAt,
        String requestId,
        String collectorVersion,
        String instanceId,
        Integer packageType,
        JsonNode item,
        PollSummary summary) {

    /** The only envelope version there is. */
    public static final int VERSION = 1;

    /** The {@code type} field: what the envelope carries. */
    public enum Type {
        PACKAGE("package"), POLL_SUMMARY("poll-summary");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        /** As written in the {@code type} field and the {@code pw.type} header. */
        public String wire() {
            return wire;
        }
    }

    public boolean isPackage() {
        return type == Type.PACKAGE;
    }

    /** The key of the package this envelope carries; {@code packageId} comes from the vendor item. */
    public String packageKey(String packageId) {
        return PackageKey.of(api, account, region, instanceId, packageId);
    }

    /** {@code api/account/region/}, the scope of this envelope's poll. */
    public String scopePrefix() {
        return PackageKey.scopePrefix(api, account, region);
    }

    /** The record key of this envelope's poll summary: {@code api/account/region}. */
    public String summaryKey() {
        return PackageKey.summaryKey(api, account, region);
    }
}
