package io.packwatch.simulators.scenario;

import io.packwatch.core.PoolRule;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.scenario.ScenarioFile.PoolDef;
import io.packwatch.simulators.tencent.CdnTrafficPackages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an account's pool declarations into {@link SimPool}s and rewires their member packages to draw through them.
 * Which packages may share a pool is the API's {@link PoolRule#scope()} (account, region, billing region) and lanes
 * (Live: one pool per kind); the rule itself is core's, not restated here.
 */
final class PoolResolver {
    /** Scripted statuses under which a package is still drawn; any other scripted status ends its turn. */
    private static final Map<VendorApi, Set<String>> DRAWABLE_STATUSES = Map.of(
            VendorApi.TENCENT_VPC, Set.of("AVAILABLE"),
            VendorApi.BAIDU_EIP, Set.of("RUNNING"),
            VendorApi.TENCENT_LIVE, Set.of("0", "1"),
            VendorApi.TENCENT_CDN, Set.of("enabled"));

    /** A package as declared, with the pool it names (or null). */
    record Declared(SimPackage pkg, String pool, boolean ownUsage, String where) { }

    /** The pool a declaration covers: two declarations with the same scope would draw the same packages twice. */
    private record Scope(VendorApi api, String region, String kind) {
        @Override
        public String toString() { return api.id() + (region == null ? "" : "/" + region) + (kind == null ? "" : "/" + kind); }
    }

    private record Resolved(PoolDef def, Scope scope, String where) { }

    private final Instant epoch;
    private final Account.Vendor vendor;

    PoolResolver(Instant epoch, Account.Vendor vendor) {
        this.epoch = epoch;
        this.vendor = vendor;
    }

    /** The pools, and the packages with every pooled one drawing through its pool; declaration order is kept. */
    record Result(List<SimPackage> packages, List<SimPool> pools) { }

    Result resolve(List<PoolDef> defs, List<Declared> declared, String where) {
        Map<String, Resolved> pools = new LinkedHashMap<>();
        Map<Scope, String> byScope = new HashMap<>();
        List<PoolDef> list = defs == null ? List.of() : defs;
        for (int i = 0; i < list.size(); i++) {
            PoolDef d = list.get(i);
            String w = where + ".pools[" + i + "]" + (d.id() == null ? "" : " (" + d.id() + ")");
            if (d.id() == null || d.id().isBlank()) throw new ScenarioException(w + ": 'id' is required");
            Scope scope = scope(d, w);
            if (pools.containsKey(d.id())) throw new ScenarioException(w + ": duplicate pool id '" + d.id() + "'");
            String other = byScope.putIfAbsent(scope, d.id());
            if (other != null) {
                throw new ScenarioException(w + ": overlapping pools '" + other + "' and '" + d.id() + "' both draw " + scope
                        + "; declare one pool per scope");
            }
            pools.put(d.id(), new Resolved(d, scope, w));
        }
        Map<String, List<Declared>> members = new LinkedHashMap<>();
        pools.keySet().forEach(id -> members.put(id, new ArrayList<>()));
        for (Declared p : declared) {
            if (p.pool() == null) {
                String covering = byScope.get(scopeOf(p.pkg()));
                if (covering != null && p.ownUsage()) {
                    throw new ScenarioException(p.where() + ": overlapping declarations: it has its own usage but pool '" + covering
                            + "' draws " + scopeOf(p.pkg()) + "; name the pool (pool: " + covering + ") or declare it elsewhere");
                }
                continue;
            }
            Resolved pool = pools.get(p.pool());
            if (pool == null) {
                throw new ScenarioException(p.where() + ".pool: unknown pool '" + p.pool() + "' (declared: " + pools.keySet() + ")");
            }
            checkMember(p, pool);
            members.get(p.pool()).add(p);
        }
        Map<String, SimPool> built = new LinkedHashMap<>();
        members.forEach((id, ms) -> {
            Resolved r = pools.get(id);
            if (ms.isEmpty()) throw new ScenarioException(r.where() + ": no package names this pool (add pool: " + id + " to its packages)");
            built.put(id, pool(r, ms));
        });
        List<SimPackage> out = new ArrayList<>(declared.size());
        for (Declared p : declared) {
            out.add(p.pool() == null ? p.pkg() : p.pkg().withConsumption(built.get(p.pool()).share(p.pkg().id())));
        }
        return new Result(out, List.copyOf(built.values()));
    }

    private Scope scope(PoolDef d, String w) {
        String apiId = d.api();
        if (apiId == null || apiId.isBlank()) throw new ScenarioException(w + ": 'api' is required (one of " + List.of(VendorApi.ids()) + ")");
        VendorApi api = VendorApi.find(apiId).orElseThrow(() -> new ScenarioException(
                w + ".api: unknown vendor API '" + apiId + "', expected one of " + List.of(VendorApi.ids())));
        if ((api.vendor() == io.packwatch.schema.Vendor.BAIDU) != (vendor == Account.Vendor.BAIDU)) {
            throw new ScenarioException(w + ".api: " + api.id() + " is not an API of a " + vendor.name().toLowerCase(Locale.ROOT) + " account");
        }
        PoolRule rule = api.poolRule();
        if (rule.scope() == PoolRule.Scope.NONE) {
            throw new ScenarioException(w + ".api: " + api.id() + " has no pool: each package stands alone (its overflow is its own)");
        }
        String region = switch (rule.scope()) {
            case ACCOUNT -> {
                if (d.region() != null) throw new ScenarioException(w + ".region: " + api.id() + " pools are account-wide, no region");
                yield null;
            }
            case ACCOUNT_BILLING_REGION -> {
                String r = d.region() == null ? CdnTrafficPackages.BILLING_REGIONS.get(0) : d.region();
                if (!CdnTrafficPackages.BILLING_REGIONS.contains(r)) {
                    throw new ScenarioException(w + ".region: billing region must be one of " + CdnTrafficPackages.BILLING_REGIONS + ", got '" + r + "'");
                }
                yield r;
            }
            default -> {
                if (d.region() == null || d.region().isBlank()) throw new ScenarioException(w + ": 'region' is required for " + api.id() + " pools");
                yield d.region();
            }
        };
        String kind = null;
        if (rule.lanes() == PoolRule.Lanes.PER_KIND) {
            kind = d.kind() == null ? "TRAFFIC" : d.kind();
            if (!Set.of("TRAFFIC", "TRANSCODE", "CO_ANCHORING").contains(kind)) {
                throw new ScenarioException(w + ".kind: must be TRAFFIC, TRANSCODE or CO_ANCHORING, got '" + kind + "'");
            }
        } else if (d.kind() != null) {
            throw new ScenarioException(w + ".kind: " + api.id() + " pools have no kind (only tencent-live has one pool per kind)");
        }
        return new Scope(api, region, kind);
    }

    /** The scope a package falls in by its own fields. */
    private static Scope scopeOf(SimPackage p) {
        PoolRule rule = p.api().poolRule();
        String region = rule.scope() == PoolRule.Scope.ACCOUNT ? null : p.region();
        String kind = rule.lanes() == PoolRule.Lanes.PER_KIND ? liveKind(p.liveType()) : null;
        return new Scope(p.api(), region, kind);
    }

    private static String liveKind(int type) {
        return switch (type) {
            case 0 -> "TRAFFIC";
            case 1, 2 -> "TRANSCODE";
            default -> "CO_ANCHORING";
        };
    }

    private static void checkMember(Declared p, Resolved pool) {
        SimPackage pkg = p.pkg();
        if (!scopeOf(pkg).equals(pool.scope())) {
            throw new ScenarioException(p.where() + ".pool: pool '" + pool.def().id() + "' draws " + pool.scope()
                    + " but this package is " + scopeOf(pkg));
        }
        if (p.ownUsage()) {
            throw new ScenarioException(p.where() + ".usage: a package of pool '" + pool.def().id() + "' is drawn by the pool's usage, not its own");
        }
        if (pkg.renewEvery() != null) {
            throw new ScenarioException(p.where() + ".renewal: not supported in a pool; declare the renewed package as another member");
        }
        // a CDN package carries its ExtensionMode in willRenew (ScenarioResolver.pkg)
        if (pkg.api() == VendorApi.TENCENT_CDN && pkg.willRenew() != null && pkg.willRenew() >= 2) {
            throw new ScenarioException(p.where() + ".extensionMode: renew-when-used-up (2, 3) is not supported in a pool");
        }
        if (pkg.offPeak() && pkg.api().poolRule().idleWindow() == null) {
            throw new ScenarioException(p.where() + ".deduct: " + pkg.api().id()
                    + " documents no idle window, so its pools take FULL_TIME packages only");
        }
    }

    private SimPool pool(Resolved r, List<Declared> ms) {
        double capacity = ms.stream().mapToDouble(m -> m.pkg().capacity()).sum();
        double bytesPerUnit = ScenarioResolver.bytesPerUnit(ms.get(0).pkg().api(), ms.get(0).pkg().liveType());
        Consumption usage = ScenarioResolver.consumption(r.def().usage(), false, bytesPerUnit, capacity, r.where() + ".usage");
        List<SimPool.Member> members = new ArrayList<>();
        for (Declared m : ms) {
            SimPackage p = m.pkg();
            Instant drawFrom = p.start().isAfter(epoch) ? p.start() : epoch;
            Instant drawUntil = p.expire();
            for (SimPackage.StatusEvent e : p.events()) {
                boolean ends = e.remove() || (e.status() != null && !DRAWABLE_STATUSES.get(p.api()).contains(e.status()));
                if (ends && e.at().isBefore(drawUntil)) {
                    drawUntil = e.at();
                    break;
                }
            }
            if (drawUntil.isBefore(drawFrom)) drawUntil = drawFrom;
            Instant tieBreak = p.api().poolRule().tieBreak() == PoolRule.TieBreak.EARLIEST_START ? p.start() : p.created();
            members.add(new SimPool.Member(p.id(), p.offPeak(), Math.max(0, p.capacity() - p.initialUsed()), drawFrom, drawUntil,
                    p.expire(), tieBreak));
        }
        return new SimPool(r.def().id(), r.scope().api(), Objects.requireNonNull(usage), epoch, members);
    }
}
