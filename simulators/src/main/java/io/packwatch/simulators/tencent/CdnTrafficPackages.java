package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.packwatch.simulators.http.Json;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.SimPackage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * CDN DescribeTrafficPackages (2018-06-06), vendor-spec 12: account-wide (no region), Offset/Limit up to 1000, SortBy,
 * amounts in bytes, times as zone-less Beijing-time strings. A package's scenario region is its billing region
 * ({@link #BILLING_REGIONS}), rendered as {@code Area} and {@code Region}; its {@code willRenew} is the ExtensionMode.
 */
public final class CdnTrafficPackages implements TencentApiHandler {
    /** Billing regions by {@code Region} code: 0 mainland (Area mainland), 1-8 overseas (Area overseas). */
    public static final List<String> BILLING_REGIONS = List.of("mainland", "asia-pacific-1", "asia-pacific-2",
            "asia-pacific-3", "middle-east", "north-america", "europe", "south-america", "africa");
    /** The documented item statuses plus the example's {@code frozen}, for scenario status events. */
    public static final Set<String> STATUSES = Set.of("enabled", "expired", "disabled", "frozen");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String PACKAGE_TYPE = "日常流量包";
    private static final Duration EXPIRING_WITHIN = Duration.ofDays(7);
    private static final Set<String> PARAMS = Set.of("Offset", "Limit", "SortBy");
    private static final Set<String> SORTS = Set.of("expireTimeDesc", "expireTimeAsc", "createTimeDesc", "createTimeAsc", "status", "channel");
    private static final String PARAM_ERROR = "InvalidParameter.CdnParamError";
    private static final SerializedString F_TOTAL_COUNT = Json.name("TotalCount");
    private static final SerializedString F_EXPIRING_COUNT = Json.name("ExpiringCount");
    private static final SerializedString F_ENABLED_COUNT = Json.name("EnabledCount");
    private static final SerializedString F_PAID_COUNT = Json.name("PaidCount");
    private static final SerializedString F_ID = Json.name("Id");
    private static final SerializedString F_TYPE = Json.name("Type");
    private static final SerializedString F_CONFIG_ID = Json.name("ConfigId");
    private static final SerializedString F_BYTES = Json.name("Bytes");
    private static final SerializedString F_BYTES_USED = Json.name("BytesUsed");
    private static final SerializedString F_STATUS = Json.name("Status");
    private static final SerializedString F_CREATE_TIME = Json.name("CreateTime");
    private static final SerializedString F_ENABLE_TIME = Json.name("EnableTime");
    private static final SerializedString F_EXPIRE_TIME = Json.name("ExpireTime");
    private static final SerializedString F_TRUE_ENABLE_TIME = Json.name("TrueEnableTime");
    private static final SerializedString F_TRUE_EXPIRE_TIME = Json.name("TrueExpireTime");
    private static final SerializedString F_EXTENSION_MODE = Json.name("ExtensionMode");
    private static final SerializedString F_AREA = Json.name("Area");
    private static final SerializedString F_REGION = Json.name("Region");
    private static final SerializedString F_CHANNEL = Json.name("Channel");
    private static final SerializedString F_LIFE_TIME_MONTH = Json.name("LifeTimeMonth");

    private record Item(SimPackage pkg, SimPackage.View view) { }

    @Override
    public void respond(TencentCall call, JsonGenerator g) throws IOException {
        Params p = new Params(call.body(), PARAMS);
        int offset = p.integer("Offset") == null ? 0 : p.integer("Offset");
        int limit = p.integer("Limit") == null ? DEFAULT_LIMIT : p.integer("Limit");
        if (offset < 0) throw new TencentError(PARAM_ERROR, "The parameter `Offset` must not be negative.");
        if (limit < 1 || limit > MAX_LIMIT) throw new TencentError(PARAM_ERROR, "The parameter `Limit` must be between 1 and " + MAX_LIMIT + ".");
        String sortBy = p.string("SortBy") == null ? "expireTimeDesc" : p.string("SortBy");
        if (!SORTS.contains(sortBy)) throw new TencentError(PARAM_ERROR, "The parameter `SortBy` must be one of " + SORTS + ".");

        List<Item> items = new ArrayList<>();
        for (SimPackage pkg : call.account().cdn()) {
            SimPackage.View v = pkg.at(call.now());
            if (v.present()) items.add(new Item(pkg, v));
        }
        items.sort(order(sortBy));
        int expiring = 0;
        int enabled = 0;
        Instant soon = call.now().plus(EXPIRING_WITHIN);
        for (Item it : items) {
            if (it.view.phase() != SimPackage.Phase.EXPIRED && !it.view.expire().isAfter(soon)) expiring++;
            if (status(it.view).equals("enabled")) enabled++;
        }
        int total = items.size();
        List<Item> page = items.subList(Math.min(offset, total), (int) Math.min(total, (long) offset + limit));
        Render r = call.render();
        if (!r.missingFields()) Json.num(g, F_TOTAL_COUNT, total);
        g.writeArrayFieldStart("TrafficPackages");
        for (Item it : page) write(g, it, r);
        g.writeEndArray();
        Json.num(g, F_EXPIRING_COUNT, expiring);
        Json.num(g, F_ENABLED_COUNT, enabled);
        Json.num(g, F_PAID_COUNT, total);
    }

    /** Every sort ends on the id, so pages are stable between requests. */
    private static Comparator<Item> order(String sortBy) {
        Comparator<Item> byId = Comparator.comparing(i -> Long.parseLong(i.pkg.id()));
        Comparator<Item> byExpire = Comparator.comparing((Item i) -> i.view.expire());
        Comparator<Item> byCreate = Comparator.comparing((Item i) -> i.pkg.created());
        return switch (sortBy) {
            case "expireTimeAsc" -> byExpire.thenComparing(byId);
            case "createTimeDesc" -> byCreate.reversed().thenComparing(byId);
            case "createTimeAsc" -> byCreate.thenComparing(byId);
            case "status" -> Comparator.comparing((Item i) -> status(i.view)).thenComparing(byId);
            case "channel" -> byId; // one channel (ACTIVE_PURCHASE) in the simulator
            default -> byExpire.reversed().thenComparing(byId);
        };
    }

    /** disabled = not yet in effect; a used-up package stays enabled until it expires (vendor-spec 12 [inferred]). */
    static String status(SimPackage.View v) {
        if (v.statusOverride() != null) return v.statusOverride();
        return switch (v.phase()) {
            case NOT_STARTED -> "disabled";
            case EXPIRED -> "expired";
            default -> "enabled";
        };
    }

    private static void write(JsonGenerator g, Item it, Render r) throws IOException {
        SimPackage p = it.pkg;
        SimPackage.View v = it.view;
        long bytes = Math.round(p.capacity());
        int regionCode = BILLING_REGIONS.indexOf(p.region());
        g.writeStartObject();
        Json.num(g, F_ID, Long.parseLong(p.id()));
        Json.str(g, F_TYPE, PACKAGE_TYPE);
        Json.num(g, F_CONFIG_ID, 672);
        if (!r.missingFields()) Json.num(g, F_BYTES, bytes);
        Json.num(g, F_BYTES_USED, Math.min(bytes, Math.round(v.used())));
        Json.str(g, F_STATUS, r.unknownEnum() ? "simulated_unknown_status" : status(v));
        Json.str(g, F_CREATE_TIME, Render.beijing(p.created()));
        Json.str(g, F_ENABLE_TIME, Render.beijing(p.start()));
        Json.str(g, F_EXPIRE_TIME, Render.beijing(v.expire()));
        g.writeBooleanField("ContractExtension", false);
        g.writeBooleanField("AutoExtension", p.willRenew() != 0);
        if (r.nullFields()) {
            Json.nul(g, F_EXTENSION_MODE);
            Json.nul(g, F_REGION);
            Json.nul(g, F_TRUE_ENABLE_TIME);
            Json.nul(g, F_TRUE_EXPIRE_TIME);
        } else {
            Json.num(g, F_EXTENSION_MODE, p.willRenew());
            Json.num(g, F_REGION, regionCode);
            Json.str(g, F_TRUE_ENABLE_TIME, Render.beijing(p.start()));
            Json.str(g, F_TRUE_EXPIRE_TIME, Render.beijing(v.expire().minusSeconds(1)));
        }
        Json.str(g, F_AREA, regionCode == 0 ? "mainland" : "overseas");
        Json.num(g, F_LIFE_TIME_MONTH, 12);
        g.writeBooleanField("RefundAvailable", false);
        Json.str(g, F_CHANNEL, "ACTIVE_PURCHASE");
        g.writeBooleanField("ExtensionAvailable", false);
        g.writeEndObject();
    }
}
