package io.packwatch.simulators.baidu;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.packwatch.simulators.http.Json;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.Account;
import io.packwatch.simulators.scenario.SimPackage;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GET /v1/eiptp (marker chain, filters ANDed) and GET /v1/eiptp/{id}, vendor-spec 4.2-4.4. */
final class EipTpListing {
    private static final SerializedString F_NEXT_MARKER = Json.name("nextMarker");
    private static final SerializedString F_MARKER = Json.name("marker");
    private static final SerializedString F_MAX_KEYS = Json.name("maxKeys");
    private static final SerializedString F_ID = Json.name("id");
    private static final SerializedString F_DEDUCT_POLICY = Json.name("deductPolicy");
    private static final SerializedString F_PACKAGE_TYPE = Json.name("packageType");
    private static final SerializedString F_STATUS = Json.name("status");
    private static final SerializedString F_CAPACITY = Json.name("capacity");
    private static final SerializedString F_USED_CAPACITY = Json.name("usedCapacity");
    private static final SerializedString F_CREATE_TIME = Json.name("createTime");
    private static final SerializedString F_ACTIVE_TIME = Json.name("activeTime");
    private static final SerializedString F_EXPIRE_TIME = Json.name("expireTime");
    static final int DEFAULT_MAX_KEYS = 1000;
    private static final Set<String> STATUSES = Set.of("RUNNING", "EXPIRED", "USED_UP");
    private static final Set<String> POLICIES = Set.of("FullTimeDurationPackage", "TimeDurationPackage");

    private record Item(SimPackage pkg, SimPackage.View view) { }

    void list(Account account, String region, List<SimPackage> all, Map<String, String> q, Instant now, Render r, JsonGenerator g) throws IOException {
        int maxKeys = DEFAULT_MAX_KEYS;
        String mk = q.get("maxKeys");
        if (mk != null && !mk.isEmpty()) {
            long asked;
            try {
                // a whole number of any size: values past 1000 (even past int range) are capped, not refused
                asked = new java.math.BigInteger(mk).min(java.math.BigInteger.valueOf(DEFAULT_MAX_KEYS)).longValueExact();
            } catch (NumberFormatException e) {
                throw BaiduError.bad(400, "InvalidHTTPRequest", "maxKeys must be an integer, got '" + mk + "'.");
            }
            if (asked < 1) throw BaiduError.bad(400, "InvalidHTTPRequest", "maxKeys must be between 1 and 1000.");
            maxKeys = (int) asked;
        }
        if (account.maxKeysCap() > 0) maxKeys = Math.min(maxKeys, account.maxKeysCap());
        String id = blankToNull(q.get("id"));
        String status = blankToNull(q.get("status"));
        String policy = blankToNull(q.get("deductPolicy"));
        if (status != null && !STATUSES.contains(status)) throw BaiduError.bad(400, "InvalidHTTPRequest", "status must be one of " + STATUSES + ".");
        if (policy != null && !POLICIES.contains(policy)) throw BaiduError.bad(400, "InvalidHTTPRequest", "deductPolicy must be one of " + POLICIES + ".");
        String marker = blankToNull(q.get("marker"));
        int start = marker == null ? 0 : account.eipPosition(region, marker);
        if (start < 0) throw BaiduError.bad(400, "InvalidHTTPRequest", "marker '" + marker + "' is not a package of this listing.");
        boolean plain = id == null && status == null && policy == null && !account.hasRemovals(VendorApi.BAIDU_EIP);
        List<Item> page = new ArrayList<>();
        String next = null;
        for (int i = start; i < all.size(); i++) {
            SimPackage p = all.get(i);
            if (!plain && id != null && !id.equals(p.id())) continue;
            SimPackage.View v = p.at(now);
            if (!plain && (!v.present() || (status != null && !status.equals(status(v))) || (policy != null && !policy.equals(policy(p))))) continue;
            if (page.size() == maxKeys) {
                next = p.id();
                break;
            }
            page.add(new Item(p, v));
        }
        g.writeStartObject();
        if (next != null) Json.str(g, F_NEXT_MARKER, next);
        if (!page.isEmpty()) Json.str(g, F_MARKER, page.get(0).pkg.id());
        Json.num(g, F_MAX_KEYS, maxKeys);
        if (!r.missingFields()) g.writeBooleanField("isTruncated", next != null);
        g.writeArrayFieldStart("packageList");
        for (Item it : page) write(g, it.pkg, it.view, r);
        g.writeEndArray();
        g.writeEndObject();
    }

    /** @return false when there is no such (present) package */
    boolean detail(Account account, String region, List<SimPackage> all, String id, Instant now, Render r, JsonGenerator g) throws IOException {
        int i = account.eipPosition(region, id);
        if (i < 0) return false;
        SimPackage.View v = all.get(i).at(now);
        if (!v.present()) return false;
        write(g, all.get(i), v, r);
        return true;
    }

    static String status(SimPackage.View v) {
        if (v.statusOverride() != null) return v.statusOverride();
        return switch (v.phase()) {
            case EXPIRED -> "EXPIRED";
            case EXHAUSTED -> "USED_UP";
            default -> "RUNNING";
        };
    }

    private static String policy(SimPackage p) { return p.offPeak() ? "TimeDurationPackage" : "FullTimeDurationPackage"; }

    private static void write(JsonGenerator g, SimPackage p, SimPackage.View v, Render r) throws IOException {
        long capacity = Math.round(p.capacity());
        long used = Math.min(capacity, Math.round(v.used()));
        g.writeStartObject();
        Json.str(g, F_ID, p.id());
        Json.str(g, F_DEDUCT_POLICY, r.unknownEnum() ? "SimulatedUnknownPolicy" : policy(p));
        Json.str(g, F_PACKAGE_TYPE, p.packageType());
        Json.str(g, F_STATUS, r.unknownEnum() ? Render.UNKNOWN_STATUS : status(v));
        if (!r.missingFields()) {
            if (r.capacityAsString()) Json.str(g, F_CAPACITY, Long.toString(capacity));
            else Json.num(g, F_CAPACITY, capacity);
        }
        if (r.capacityAsString()) Json.str(g, F_USED_CAPACITY, Long.toString(used));
        else Json.num(g, F_USED_CAPACITY, used);
        Json.str(g, F_CREATE_TIME, Render.utc(p.created()));
        if (r.nullFields()) {
            Json.nul(g, F_ACTIVE_TIME);
            Json.nul(g, F_EXPIRE_TIME);
        } else {
            Json.str(g, F_ACTIVE_TIME, Render.utc(p.start()));
            Json.str(g, F_EXPIRE_TIME, Render.utc(v.expire()));
        }
        g.writeEndObject();
    }

    private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
