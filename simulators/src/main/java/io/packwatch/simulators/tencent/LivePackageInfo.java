package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.SimPackage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.packwatch.simulators.SimApi;
import io.packwatch.simulators.scenario.Account;

/**
 * Live DescribeLivePackageInfo (2018-08-01), vendor-spec 5. Request PackageType 0/1/2 selects item Types {0}, {1,2}, {3}.
 * Region is ignored. Times are Beijing-time strings without zone.
 */
final class LivePackageInfo implements TencentApiHandler {
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
        if (effectiveOrder.startsWith("BuyTime") && !call.account().hasRemovals(SimApi.TENCENT_LIVE)) {
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
        g.writeNumberField("PackageBillMode", call.account().liveBillMode());
        g.writeStringField("FluxPackageBillMode", type == 0 ? call.account().fluxBillMode() : "");
        if (r.nullFields()) {
            g.writeNullField("TotalPage");
            g.writeNullField("TotalNum");
            g.writeNullField("PageNum");
            g.writeNullField("PageSize");
        } else {
            g.writeNumberField("TotalPage", totalPages);
            if (!r.missingFields()) g.writeNumberField("TotalNum", total);
            g.writeNumberField("PageNum", num);
            g.writeNumberField("PageSize", size);
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
        g.writeStringField("Id", p.id());
        g.writeNumberField("Type", p.liveType());
        g.writeNumberField("Status", r.unknownEnum() ? 9 : status(v));
        if (!r.missingFields()) g.writeNumberField("Total", total);
        g.writeNumberField("Used", used);
        g.writeNumberField("Left", total - used);
        g.writeStringField("BuyTime", Render.beijing(p.created()));
        g.writeStringField("ExpireTime", Render.beijing(v.expire()));
        if (r.nullFields()) {
            g.writeNullField("WillRenew");
            g.writeNullField("RenewalResult");
        } else {
            g.writeNumberField("WillRenew", p.willRenew());
            g.writeNumberField("RenewalResult", v.renewals() > 0 ? 1 : p.renewalResult());
        }
        g.writeEndObject();
    }
}
