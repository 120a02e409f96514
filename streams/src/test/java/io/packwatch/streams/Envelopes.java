package io.packwatch.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds raw envelopes the way the collectors publish them (schemas/.../raw-envelope.schema.json). */
public final class Envelopes {
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Envelopes() {
    }

    /** A vendor response body from src/test/resources/seeds (copied verbatim from /work/shared/seeds). */
    public static JsonNode seed(String name) {
        try (InputStream in = Envelopes.class.getResourceAsStream("/seeds/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode pkg(String api, String account, String region, String pollId, Instant collectedAt, JsonNode item) {
        ObjectNode env = header(api, account, region, pollId, collectedAt);
        env.put("type", "package");
        env.set("item", item.deepCopy());
        return env;
    }

    public static ObjectNode summary(String api, String account, String region, String pollId, Instant collectedAt,
                                     boolean complete, Instant startedAt) {
        ObjectNode env = header(api, account, region, pollId, collectedAt);
        env.put("type", "poll-summary");
        ObjectNode s = env.putObject("summary");
        s.put("complete", complete);
        s.put("packagesSeen", 0);
        s.put("pages", 1);
        s.put("startedAt", startedAt.toString());
        s.put("finishedAt", collectedAt.toString());
        s.putArray("incompleteReasons");
        return env;
    }

    private static ObjectNode header(String api, String account, String region, String pollId, Instant collectedAt) {
        ObjectNode env = JSON.createObjectNode();
        env.put("envelopeVersion", 1);
        env.put("api", api);
        // the catalogue's facts where the id is in it; tests of unknown ids get a plausible guess
        java.util.Optional<VendorApi> known = VendorApi.find(api);
        env.put("vendor", known.map(VendorApi::vendorName).orElse(api.startsWith("tencent") ? "tencent" : "baidu"));
        env.put("product", known.map(VendorApi::productName).orElse(api.substring(api.indexOf('-') + 1)));
        env.put("account", account);
        if (region == null) {
            env.putNull("region");
        } else {
            env.put("region", region);
        }
        env.put("action", known.map(VendorApi::action).orElse("GET /v1/eiptp"));
        env.put("apiVersion", "v1");
        env.put("pollId", pollId);
        env.put("collectedAt", collectedAt.toString());
        env.put("requestId", "req-" + pollId);
        env.put("collectorVersion", "0.1.0");
        env.putNull("instanceId");
        env.putNull("packageType");
        return env;
    }

    public static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The benchmarks' raw envelope: a 10 GiB Baidu EIP traffic package {@code id} of {@code account} in bj, running
     * until 2027-10-01, with {@code used} bytes used.
     */
    public static byte[] benchBaiduPackage(String account, String id, long used, String pollId, Instant collectedAt) {
        String item = "{\"id\":\"" + id + "\",\"deductPolicy\":\"FullTimeDurationPackage\",\"packageType\":\"WebOutBytes\","
                + "\"status\":\"RUNNING\",\"capacity\":" + (10L << 30) + ",\"usedCapacity\":" + used
                + ",\"createTime\":\"2026-10-01T00:00:00Z\",\"activeTime\":\"2026-10-01T00:00:00Z\",\"expireTime\":\"2027-10-01T00:00:00Z\"}";
        return bytes(pkg("baidu-eip", account, "bj", pollId, collectedAt, json(item)));
    }
}
