package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.packwatch.simulators.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.SimPackage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** VPC DescribeTrafficPackages (2017-03-12), vendor-spec 2. */
final class VpcTrafficPackages implements TencentApiHandler {
    private static final SerializedString F_TOTAL_COUNT = Json.name("TotalCount");
    private static final SerializedString F_TRAFFIC_PACKAGE_ID = Json.name("TrafficPackageId");
    private static final SerializedString F_TRAFFIC_PACKAGE_NAME = Json.name("TrafficPackageName");
    private static final SerializedString F_STATUS = Json.name("Status");
    private static final SerializedString F_CREATED_TIME = Json.name("CreatedTime");
    private static final SerializedString F_DEADLINE = Json.name("Deadline");
    private static final SerializedString F_DEDUCT_TYPE = Json.name("DeductType");
    private static final SerializedString F_KEY = Json.name("Key");
    private static final SerializedString F_VALUE = Json.name("Value");
    private static final SerializedString F_TAG_SET = Json.name("TagSet");
    private static final Set<String> PARAMS = Set.of("TrafficPackageIds", "Filters", "Offset", "Limit");
    private static final Set<String> FILTERABLE_STATUS = Set.of("AVAILABLE", "EXPIRED", "EXHAUSTED");
    private static final Pattern ID = Pattern.compile("tfp-[a-z0-9]{8}");
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_FILTERS = 10;

    private final Set<String> scenarioRegions;

    VpcTrafficPackages(Set<String> scenarioRegions) { this.scenarioRegions = scenarioRegions; }

    private record Item(SimPackage pkg, SimPackage.View view) { }

    @Override
    public void respond(TencentCall call, JsonGenerator g) throws IOException {
        String region = Regions.require(call.region(), scenarioRegions);
        Params p = new Params(call.body(), PARAMS);
        List<String> ids = p.strings("TrafficPackageIds");
        boolean hasFilters = p.has("Filters");
        if (ids != null && hasFilters) {
            throw new TencentError("InvalidParameter.Coexist", "The parameters TrafficPackageIds and Filters cannot be specified at the same time.");
        }
        if (ids != null) ids.forEach(VpcTrafficPackages::checkId);
        Predicate<Item> filter = hasFilters ? filters(p.node("Filters")) : i -> true;
        if (ids != null) {
            Set<String> wanted = new HashSet<>(ids);
            filter = filter.and(i -> wanted.contains(i.pkg.id()));
        }
        int offset = nonNegative(p.integer("Offset"), "Offset", 0);
        int limit = nonNegative(p.integer("Limit"), "Limit", DEFAULT_LIMIT);
        if (limit > MAX_LIMIT) throw new TencentError("InvalidParameterValue.Range", "The parameter `Limit` must be at most " + MAX_LIMIT + ".");

        List<SimPackage> all = call.account().vpc(region);
        List<Item> page = new ArrayList<>();
        int total;
        if (!hasFilters && ids == null && !call.account().hasRemovals(VendorApi.TENCENT_VPC)) {
            total = all.size();
            for (int i = offset; i < Math.min(total, offset + limit); i++) page.add(new Item(all.get(i), all.get(i).at(call.now())));
        } else {
            total = 0;
            for (SimPackage pkg : all) {
                Item it = new Item(pkg, pkg.at(call.now()));
                if (!it.view.present() || !filter.test(it)) continue;
                if (total >= offset && page.size() < limit) page.add(it);
                total++;
            }
        }
        Render r = call.render();
        if (!r.missingFields()) Json.num(g, F_TOTAL_COUNT, total);
        g.writeArrayFieldStart("TrafficPackageSet");
        for (Item it : page) write(g, it.pkg, it.view, r);
        g.writeEndArray();
    }

    static String status(SimPackage.View v) {
        if (v.statusOverride() != null) return v.statusOverride();
        return switch (v.phase()) {
            case EXPIRED -> "EXPIRED";
            case EXHAUSTED -> "EXHAUSTED";
            default -> "AVAILABLE";
        };
    }

    private static void write(JsonGenerator g, SimPackage p, SimPackage.View v, Render r) throws IOException {
        double used = Render.round4(Math.min(v.used(), p.capacity()));
        g.writeStartObject();
        Json.str(g, F_TRAFFIC_PACKAGE_ID, p.id());
        if (r.nullFields()) Json.nul(g, F_TRAFFIC_PACKAGE_NAME);
        else Json.str(g, F_TRAFFIC_PACKAGE_NAME, p.name());
        if (!r.missingFields()) {
            Render.decimal(g, "TotalAmount", p.capacity());
            Render.decimal(g, "RemainingAmount", Render.round4(p.capacity()) - used);
            Render.decimal(g, "UsedAmount", used);
        }
        Json.str(g, F_STATUS, r.unknownEnum() ? Render.UNKNOWN_STATUS : status(v));
        Json.str(g, F_CREATED_TIME, Render.utc(p.created()));
        Json.str(g, F_DEADLINE, Render.utc(v.expire()));
        Json.str(g, F_DEDUCT_TYPE, r.unknownEnum() ? "SIMULATED_UNKNOWN_DEDUCT_TYPE" : p.offPeak() ? "IDLE_TIME" : "FULL_TIME");
        if (r.nullFields()) {
            Json.nul(g, F_TAG_SET);
        } else {
            g.writeArrayFieldStart("TagSet");
            for (Map.Entry<String, String> t : p.tags().entrySet()) {
                g.writeStartObject();
                Json.str(g, F_KEY, t.getKey());
                Json.str(g, F_VALUE, t.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static Predicate<Item> filters(JsonNode node) {
        if (!node.isArray()) throw new TencentError("InvalidParameter.InvalidFilter", "Filters must be an array of {Name, Values}.");
        if (node.size() > MAX_FILTERS) {
            throw new TencentError("InvalidParameter.InvalidFilter", "At most " + MAX_FILTERS + " filters are allowed per request.");
        }
        Predicate<Item> all = i -> true;
        for (JsonNode f : node) {
            if (!f.isObject() || !f.path("Name").isTextual() || !f.has("Values")) {
                throw new TencentError("InvalidParameter.InvalidFilter", "Each filter needs a Name and Values.");
            }
            f.fieldNames().forEachRemaining(n -> {
                if (!n.equals("Name") && !n.equals("Values")) throw new TencentError("InvalidParameter.InvalidFilter", "Unknown filter field `" + n + "`.");
            });
            String name = f.get("Name").asText();
            Set<String> values = new HashSet<>(Params.strings(f.get("Values"), "Filters.Values"));
            if (values.isEmpty()) throw new TencentError("InvalidParameter.InvalidFilter", "Filter `" + name + "` has no Values.");
            Predicate<Item> one = switch (name) {
                case "traffic-package_id" -> {
                    values.forEach(VpcTrafficPackages::checkId);
                    yield i -> values.contains(i.pkg.id());
                }
                case "traffic-package-name" -> i -> values.contains(i.pkg.name());
                case "status" -> {
                    for (String v : values) {
                        if (!FILTERABLE_STATUS.contains(v)) {
                            throw new TencentError("InvalidParameter.InvalidFilter", "Filter `status` accepts only " + FILTERABLE_STATUS + ", got `" + v + "`.");
                        }
                    }
                    yield i -> values.contains(status(i.view));
                }
                default -> throw new TencentError("InvalidParameter.InvalidFilter", "The filter name `" + name
                        + "` is not supported (traffic-package_id, traffic-package-name, status).");
            };
            all = all.and(one);
        }
        return all;
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new TencentError("InvalidParameterValue.TrafficPackageIdMalformed", "The traffic package ID `" + id + "` is malformed.");
        }
    }

    private static int nonNegative(Integer v, String name, int dflt) {
        if (v == null) return dflt;
        if (v < 0) throw new TencentError("InvalidParameterValue", "The parameter `" + name + "` must not be negative.");
        return v;
    }
}
