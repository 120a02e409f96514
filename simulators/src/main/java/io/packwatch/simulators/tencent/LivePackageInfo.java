package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.packwatch.simulators.http.Json;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.SimPackage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.scenario.Account;

/**
 * Live DescribeLivePackageInfo (2018-08-01), vendor-spec 5. Request PackageType 0/1/2 selects item Types {0}, {1,2}, {3}.
 * Region is ignored. Times are Beijing-time strings without zone.
 */
final class LivePackageInfo implements TencentApiHandler {
    private static final SerializedString F_PACKAGE_BILL_MODE = Json.name("PackageBillMode");
    private static final SerializedString F_FLUX_PACKAGE_BILL_MODE = Json.name("FluxPackageBillMode");
    private static final SerializedString F_TOTAL_PAGE = Json.name("TotalPage");
    private static final SerializedString F_TOTAL_NUM = Json.name("TotalNum");
    private static final SerializedString F_PAGE_NUM = Json.name("PageNum");
    private static final SerializedString F_PAGE_SIZE = Json.name("PageSize");
    private static final SerializedString F_ID = Json.name("Id");
    private static final SerializedString F_TYPE = Json.name("Type");
    private static final SerializedString F_STATUS = Json.name("Status");
    private static final SerializedString F_TOTAL = Json.name("Total");
    private static final SerializedString F_USED = Json.name("Used");
    private static final SerializedString F_LEFT = Json.name("Left");
    private static final SerializedString F_BUY_TIME = Json.name("BuyTime");
    private static final SerializedString F_EXPIRE_TIME = Json.name("ExpireTime");
    private static final SerializedString F_WILL_RENEW = Json.name("WillRenew");
    private static final SerializedString F_RENEWAL_RESULT = Json.name("RenewalResult");
    private static final Set<String> PARAMS = Set.of("PackageType", "OrderBy", "PageNum", "PageSize");
    private static final Set<String> ORDERS = Set.of("BuyTimeDesc", "BuyTimeAsc", "ExpireTimeDesc", "ExpireTimeAsc");
    static final int DEFAULT_PAGE_SIZE = 100;

    private record Item(SimPackage pkg, SimPackage.View view) { }

    private final Map<String, List<SimPackage>> sortedByBuyTime = new ConcurrentHashMap<>();

    private List<SimPackage> byBuyTime(Account account, int type, boolean ascending) {
        return sortedByBuyTime.computeIfAbsent(account.id() + "/" + type + "/" + ascending, k -> {
            // ties (same buy time) follow the id in the same direction, as the vendor's example shows
            Comparator<SimPackage> c = Comparator.comparing(SimPackage::created).thenComparing(SimPackage::id);
            return account.live().stream().filter(p -> typeMatches(type, p.liveType())).sorted(ascending ? c : c.reversed()).toList();
        });
    }

    @Override
    public void respond(TencentCall call, JsonGenerator g) throws IOException {
        Params p = new Params(call.body(), PARAMS);
        Integer type = p.integer("PackageType");
        if (type == null) throw new TencentError("MissingParameter", "The request is missing a required parameter `PackageType`.");
        if (type < 0 || type > 2) throw new TencentError("InvalidParameterValue", "The parameter `PackageType` must be 0, 1 or 2.");
        String order = p.string("OrderBy");
        if (order != null && !ORDERS.contains(order)) {
            throw new TencentError("InvalidParameterValue", "The parameter `OrderBy` must be one of " + ORDERS + ".");
        }
        if (order != null && type == 2 && order.startsWith("ExpireTime")) {
            throw new TencentError("InvalidParameterValue", "OrderBy `" + order + "` is not supported for co-anchoring packages (PackageType 2).");
        }
        Integer pageNum = p.integer("PageNum");
        Integer pageSize = p.integer("PageSize");
        int num = 1;
        int size = DEFAULT_PAGE_SIZE;
        if (pageNum != null && pageSize != null) {   // either alone is ignored, as documented
            if (pageSize < 10 || pageSize > 100) throw new TencentError("InvalidParameterValue", "The parameter `PageSize` must be between 10 and 100.");
            if (pageNum < 1) throw new TencentError("InvalidParameterValue", "The parameter `PageNum` must be at least 1.");
            num = pageNum;
            size = pageSize;
        }
        String effectiveOrder = order == null ? "BuyTimeDesc" : order;
        List<Item> page = new ArrayList<>();
        int total;
        int from;
        if (effectiveOrder.startsWith("BuyTime") && !call.account().hasRemovals(VendorApi.TENCENT_LIVE)) {
            // Buy time never changes and nothing disappears: sort once, evaluate only the page (100k-package loads).
            List<SimPackage> sorted = byBuyTime(call.account(), type, effectiveOrder.equals("BuyTimeAsc"));
            total = sorted.size();
            from = (int) Math.min(total, (long) (num - 1) * size);
            for (SimPackage pkg : sorted.subList(from, Math.min(total, from + size))) page.add(new Item(pkg, pkg.at(call.now())));
        } else {
            List<Item> items = new ArrayList<>();
            for (SimPackage pkg : call.account().live()) {
                if (!typeMatches(type, pkg.liveType())) continue;
                SimPackage.View v = pkg.at(call.now());
                if (v.present()) items.add(new Item(pkg, v));
            }
            Comparator<Item> byBuy = Comparator.comparing((Item i) -> i.pkg.created()).thenComparing(i -> i.pkg.id());
            Comparator<Item> byExpire = Comparator.comparing((Item i) -> i.view.expire()).thenComparing(i -> i.pkg.id());
            Comparator<Item> cmp = switch (effectiveOrder) {
                case "BuyTimeAsc" -> byBuy;
                case "ExpireTimeDesc" -> byExpire.reversed();
                case "ExpireTimeAsc" -> byExpire;
                default -> byBuy.reversed();
            };
            items.sort(cmp);
            total = items.size();
            from = (int) Math.min(total, (long) (num - 1) * size);
            page.addAll(items.subList(from, Math.min(total, from + size)));
        }
        int totalPages = (total + size - 1) / size;
        Render r = call.render();
        g.writeArrayFieldStart("LivePackageInfoList");
        for (Item it : page) write(g, it, r);
        g.writeEndArray();
        Json.num(g, F_PACKAGE_BILL_MODE, call.account().liveBillMode());
        Json.str(g, F_FLUX_PACKAGE_BILL_MODE, type == 0 ? call.account().fluxBillMode() : "");
        if (r.nullFields()) {
            Json.nul(g, F_TOTAL_PAGE);
            Json.nul(g, F_TOTAL_NUM);
            Json.nul(g, F_PAGE_NUM);
            Json.nul(g, F_PAGE_SIZE);
        } else {
            Json.num(g, F_TOTAL_PAGE, totalPages);
            if (!r.missingFields()) Json.num(g, F_TOTAL_NUM, total);
            Json.num(g, F_PAGE_NUM, num);
            Json.num(g, F_PAGE_SIZE, size);
        }
    }

    static boolean typeMatches(int requestType, int itemType) {
        return switch (requestType) {
            case 0 -> itemType == 0;
            case 1 -> itemType == 1 || itemType == 2;
            default -> itemType == 3;
        };
    }

    static int status(SimPackage.View v) {
        if (v.statusOverride() != null) return Integer.parseInt(v.statusOverride());
        return switch (v.phase()) {
            case NOT_STARTED -> 0;
            case EXPIRED -> 2;
            case EXHAUSTED -> 4;
            default -> v.used() <= 0 ? 0 : 1;
        };
    }

    private static void write(JsonGenerator g, Item it, Render r) throws IOException {
        SimPackage p = it.pkg;
        SimPackage.View v = it.view;
        long total = Math.round(p.capacity());
        long used = Math.min(total, Math.round(v.used()));
        g.writeStartObject();
        Json.str(g, F_ID, p.id());
        Json.num(g, F_TYPE, p.liveType());
        Json.num(g, F_STATUS, r.unknownEnum() ? 9 : status(v));
        if (!r.missingFields()) Json.num(g, F_TOTAL, total);
        Json.num(g, F_USED, used);
        Json.num(g, F_LEFT, total - used);
        Json.str(g, F_BUY_TIME, Render.beijing(p.created()));
        Json.str(g, F_EXPIRE_TIME, Render.beijing(v.expire()));
        if (r.nullFields()) {
            Json.nul(g, F_WILL_RENEW);
            Json.nul(g, F_RENEWAL_RESULT);
        } else {
            Json.num(g, F_WILL_RENEW, p.willRenew());
            Json.num(g, F_RENEWAL_RESULT, v.renewals() > 0 ? 1 : p.renewalResult());
        }
        g.writeEndObject();
    }
}
