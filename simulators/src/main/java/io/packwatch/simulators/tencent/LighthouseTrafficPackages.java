package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.packwatch.simulators.http.Json;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.Account;
import io.packwatch.simulators.scenario.SimPackage;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lighthouse DescribeInstancesTrafficPackages (2020-03-24), vendor-spec 3. Pages over instance entries.
 * TrafficUsed never exceeds the total: what goes beyond it is TrafficOverflow (so used + remaining = total).
 */
final class LighthouseTrafficPackages implements TencentApiHandler {
    private static final SerializedString F_TOTAL_COUNT = Json.name("TotalCount");
    private static final SerializedString F_INSTANCE_ID = Json.name("InstanceId");
    private static final SerializedString F_TRAFFIC_PACKAGE_ID = Json.name("TrafficPackageId");
    private static final SerializedString F_TRAFFIC_USED = Json.name("TrafficUsed");
    private static final SerializedString F_TRAFFIC_PACKAGE_TOTAL = Json.name("TrafficPackageTotal");
    private static final SerializedString F_TRAFFIC_PACKAGE_REMAINING = Json.name("TrafficPackageRemaining");
    private static final SerializedString F_TRAFFIC_OVERFLOW = Json.name("TrafficOverflow");
    private static final SerializedString F_START_TIME = Json.name("StartTime");
    private static final SerializedString F_END_TIME = Json.name("EndTime");
    private static final SerializedString F_DEADLINE = Json.name("Deadline");
    private static final SerializedString F_STATUS = Json.name("Status");
    private static final Set<String> PARAMS = Set.of("InstanceIds", "Offset", "Limit");
    private static final Pattern INSTANCE_ID = Pattern.compile("lhins-[a-z0-9]{8}");
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_IDS = 100;

    private final Set<String> scenarioRegions;

    LighthouseTrafficPackages(Set<String> scenarioRegions) { this.scenarioRegions = scenarioRegions; }

    @Override
    public void respond(TencentCall call, JsonGenerator g) throws IOException {
        String region = Regions.require(call.region(), scenarioRegions);
        Params p = new Params(call.body(), PARAMS);
        List<String> ids = p.strings("InstanceIds");
        Set<String> wanted = null;
        if (ids != null) {
            if (ids.size() > MAX_IDS) {
                throw new TencentError("InvalidParameterValue.LimitExceeded", "The parameter `InstanceIds` accepts at most " + MAX_IDS + " values.");
            }
            wanted = new HashSet<>();
            for (String id : ids) {
                if (!INSTANCE_ID.matcher(id).matches()) {
                    throw new TencentError("InvalidParameterValue.InstanceIdMalformed", "The instance ID `" + id + "` is malformed.");
                }
                if (!wanted.add(id)) throw new TencentError("InvalidParameterValue.Duplicated", "The instance ID `" + id + "` is duplicated.");
            }
        }
        int offset = p.integer("Offset") == null ? 0 : p.integer("Offset");
        int limit = p.integer("Limit") == null ? DEFAULT_LIMIT : p.integer("Limit");
        if (offset < 0) throw new TencentError("InvalidParameterValue.Negative", "The parameter `Offset` must not be negative.");
        if (limit < 0) throw new TencentError("InvalidParameterValue.Negative", "The parameter `Limit` must not be negative.");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new TencentError("InvalidParameterValue.OutOfRange", "The parameter `Limit` must be between 1 and " + MAX_LIMIT + ".");
        }
        List<Account.Instance> instances = call.account().lighthouse(region);
        if (wanted != null) {
            Set<String> w = wanted;
            instances = instances.stream().filter(i -> w.contains(i.id())).toList();
        }
        Render r = call.render();
        if (!r.missingFields()) Json.num(g, F_TOTAL_COUNT, instances.size());
        g.writeArrayFieldStart("InstanceTrafficPackageSet");
        for (int i = offset; i < Math.min(instances.size(), offset + limit); i++) {
            Account.Instance inst = instances.get(i);
            g.writeStartObject();
            Json.str(g, F_INSTANCE_ID, inst.id());
            g.writeArrayFieldStart("TrafficPackageSet");
            for (SimPackage pkg : inst.packages()) {
                SimPackage.View v = pkg.at(call.now());
                if (v.present()) write(g, pkg, v, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void write(JsonGenerator g, SimPackage p, SimPackage.View v, Render r) throws IOException {
        long total = Math.round(p.capacity());
        long rawUsed = Math.round(v.used());
        long used = Math.min(rawUsed, total);
        g.writeStartObject();
        Json.str(g, F_TRAFFIC_PACKAGE_ID, p.id());
        Json.num(g, F_TRAFFIC_USED, used);
        if (!r.missingFields()) Json.num(g, F_TRAFFIC_PACKAGE_TOTAL, total);
        Json.num(g, F_TRAFFIC_PACKAGE_REMAINING, total - used);
        Json.num(g, F_TRAFFIC_OVERFLOW, Math.max(0, rawUsed - total));
        if (r.nullFields()) {
            Json.nul(g, F_START_TIME);
            Json.nul(g, F_END_TIME);
            Json.nul(g, F_DEADLINE);
        } else {
            Json.str(g, F_START_TIME, Render.utc(v.cycleStart()));
            // the last second of the cycle, as in the vendor's example (StartTime 08:15:18 → EndTime 08:15:17 a month on)
            Json.str(g, F_END_TIME, Render.utc(v.cycleEnd().minusSeconds(1)));
            Json.str(g, F_DEADLINE, Render.utc(v.expire()));
        }
        String status = v.statusOverride() != null ? v.statusOverride() : "NETWORK_NORMAL";
        Json.str(g, F_STATUS, r.unknownEnum() ? Render.UNKNOWN_STATUS : status);
        g.writeEndObject();
    }
}
