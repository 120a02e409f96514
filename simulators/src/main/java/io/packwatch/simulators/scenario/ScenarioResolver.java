package io.packwatch.simulators.scenario;

import io.packwatch.core.VendorApi;
import io.packwatch.simulators.tencent.CdnTrafficPackages;
import io.packwatch.simulators.scenario.ScenarioFile.AccountDef;
import io.packwatch.simulators.scenario.ScenarioFile.EventDef;
import io.packwatch.simulators.scenario.ScenarioFile.PackageDef;
import io.packwatch.simulators.scenario.ScenarioFile.UsageDef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a {@link ScenarioFile} into accounts and packages, with times relative to the simulator's epoch. */
final class ScenarioResolver {
    static final Pattern VPC_ID = Pattern.compile("tfp-[a-z0-9]{8}");
    static final Pattern LH_INSTANCE = Pattern.compile("lhins-[a-z0-9]{8}");
    static final Pattern LIVE_ID = Pattern.compile("\\d{1,18}");
    static final Pattern CDN_ID = Pattern.compile("[1-9]\\d{0,17}");
    static final Pattern BAIDU_ID = Pattern.compile("tp-[A-Za-z0-9]{4,32}");
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Instant epoch;

    ScenarioResolver(Instant epoch) { this.epoch = epoch; }

    List<Account> accounts(ScenarioFile file) {
        List<Account> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        List<AccountDef> defs = file.accounts() == null ? List.of() : file.accounts();
        for (int i = 0; i < defs.size(); i++) {
            AccountDef a = defs.get(i);
            String where = "accounts[" + i + "]" + (a.id() == null ? "" : " (" + a.id() + ")");
            Account acc = account(a, where);
            if (!ids.add(acc.id())) throw new ScenarioException(where + ": duplicate account id '" + acc.id() + "'");
            if (!keys.add(acc.keyId())) throw new ScenarioException(where + ": another account already uses this key id");
            out.add(acc);
        }
        return out;
    }

    private Account account(AccountDef a, String where) {
        require(a.id(), where, "id");
        String vendorText = require(a.vendor(), where, "vendor").toLowerCase(Locale.ROOT);
        Account.Vendor vendor = switch (vendorText) {
            case "tencent" -> Account.Vendor.TENCENT;
            case "baidu" -> Account.Vendor.BAIDU;
            default -> throw new ScenarioException(where + ": vendor must be tencent or baidu, got '" + a.vendor() + "'");
        };
        String keyId = vendor == Account.Vendor.TENCENT ? require(a.secretId(), where, "secretId") : require(a.accessKeyId(), where, "accessKeyId");
        String secret = vendor == Account.Vendor.TENCENT ? require(a.secretKey(), where, "secretKey") : require(a.secretAccessKey(), where, "secretAccessKey");
        List<PoolResolver.Declared> packages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (vendor == Account.Vendor.TENCENT) {
            forbid(a.eip(), where, "eip", "a tencent account");
            add(packages, seen, a.vpc(), VendorApi.TENCENT_VPC, where + ".vpc");
            add(packages, seen, a.lighthouse(), VendorApi.TENCENT_LIGHTHOUSE, where + ".lighthouse");
            add(packages, seen, a.live(), VendorApi.TENCENT_LIVE, where + ".live");
            add(packages, seen, a.cdn(), VendorApi.TENCENT_CDN, where + ".cdn");
        } else {
            forbid(a.vpc(), where, "vpc", "a baidu account");
            forbid(a.lighthouse(), where, "lighthouse", "a baidu account");
            forbid(a.live(), where, "live", "a baidu account");
            forbid(a.cdn(), where, "cdn", "a baidu account");
            add(packages, seen, a.eip(), VendorApi.BAIDU_EIP, where + ".eip");
        }
        int cap = a.maxKeysCap() == null ? 0 : a.maxKeysCap();
        if (cap < 0 || cap > 1000) throw new ScenarioException(where + ".maxKeysCap: must be 1..1000, got " + cap);
        PoolResolver.Result pooled = new PoolResolver(epoch, vendor).resolve(a.pools(), packages, where);
        return new Account(a.id(), vendor, keyId, secret, cap, a.liveBillMode() == null ? 204 : a.liveBillMode(),
                a.fluxBillMode() == null ? "204,204,204,204,-1,-1" : a.fluxBillMode(), rateLimits(a.rateLimits(), where + ".rateLimits"),
                pooled.packages(), pooled.pools());
    }

    static Map<VendorApi, Integer> rateLimits(Map<String, Integer> raw, String where) {
        Map<VendorApi, Integer> out = new EnumMap<>(VendorApi.class);
        if (raw == null) return out;
        raw.forEach((k, v) -> {
            VendorApi api;
            try {
                api = VendorApi.fromId(k);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(where + ": " + e.getMessage());
            }
            if (v == null || v < 0) throw new ScenarioException(where + "." + k + ": must be >= 0 (0 = unlimited), got " + v);
            out.put(api, v);
        });
        return out;
    }

    private void add(List<PoolResolver.Declared> out, Set<String> seen, List<PackageDef> defs, VendorApi api, String where) {
        if (defs == null) return;
        for (int i = 0; i < defs.size(); i++) {
            PackageDef d = defs.get(i);
            SimPackage p = pkg(d, api, where + "[" + i + "]");
            if (!seen.add(api + "/" + p.id())) throw new ScenarioException(where + "[" + i + "]: duplicate package id '" + p.id() + "'");
            boolean ownUsage = d.usage() != null && d.usage().pattern() != null && !d.usage().pattern().equals("none");
            out.add(new PoolResolver.Declared(p, d.pool(), ownUsage, where + "[" + i + "] (" + p.id() + ")"));
        }
    }

    SimPackage pkg(PackageDef d, VendorApi api, String where) {
        String id = require(d.id(), where, "id");
        String w = where + " (" + id + ")";
        String region = null;
        String instance = null;
        int type = 0;
        switch (api) {
            case TENCENT_VPC -> {
                check(VPC_ID, id, w, "id");
                region = require(d.region(), w, "region");
            }
            case TENCENT_LIGHTHOUSE -> {
                region = require(d.region(), w, "region");
                instance = check(LH_INSTANCE, require(d.instance(), w, "instance"), w, "instance");
            }
            case TENCENT_LIVE -> {
                check(LIVE_ID, id, w, "id");
                type = d.type() == null ? 0 : d.type();
                if (type < 0 || type > 3) throw new ScenarioException(w + ".type: Live item type must be 0..3, got " + type);
            }
            case BAIDU_EIP -> {
                check(BAIDU_ID, id, w, "id");
                region = require(d.region(), w, "region");
            }
            case TENCENT_CDN -> {
                check(CDN_ID, id, w, "id");
                region = d.region() == null ? CdnTrafficPackages.BILLING_REGIONS.get(0) : d.region();
                if (!CdnTrafficPackages.BILLING_REGIONS.contains(region)) {
                    throw new ScenarioException(w + ".region: CDN billing region must be one of " + CdnTrafficPackages.BILLING_REGIONS
                            + ", got '" + region + "'");
                }
            }
        }
        if (d.extensionMode() != null && (api != VendorApi.TENCENT_CDN || d.extensionMode() < 0 || d.extensionMode() > 3)) {
            throw new ScenarioException(w + ".extensionMode: only CDN packages have one, 0..3");
        }
        double bytesPerUnit = bytesPerUnit(api, type);
        double capacity = Amounts.parse(require(d.capacity(), w, "capacity"), bytesPerUnit, Double.NaN, w + ".capacity");
        if (capacity <= 0) throw new ScenarioException(w + ".capacity: must be > 0");
        double used = d.used() == null ? 0 : Amounts.parse(d.used(), bytesPerUnit, capacity, w + ".used");
        Instant start = d.start() == null ? epoch.minus(Duration.ofDays(1)) : Durations.time(d.start(), epoch, w + ".start");
        Instant created = d.created() == null ? start : Durations.time(d.created(), epoch, w + ".created");
        Instant expire = d.expire() == null ? start.plus(Duration.ofDays(30)) : Durations.time(d.expire(), epoch, w + ".expire");
        if (!expire.isAfter(start)) throw new ScenarioException(w + ": expire must be after start");
        boolean offPeak = parseDeduct(d.deduct(), w);
        Consumption consumption = consumption(d.usage(), offPeak, bytesPerUnit, capacity, w + ".usage");
        Duration cycle = null;
        if (d.cycle() != null) {
            if (api != VendorApi.TENCENT_LIGHTHOUSE) throw new ScenarioException(w + ".cycle: only Lighthouse packages have cycles");
            cycle = positive(Durations.parse(d.cycle(), w + ".cycle"), w + ".cycle");
        } else if (api == VendorApi.TENCENT_LIGHTHOUSE) {
            cycle = Duration.ofDays(30);
        }
        boolean overflow = api == VendorApi.TENCENT_LIGHTHOUSE && (d.overflow() == null || d.overflow());
        Duration renewEvery = null;
        int renewTimes = 0;
        if (d.renewal() != null) {
            renewEvery = positive(Durations.parse(require(d.renewal().every(), w + ".renewal", "every"), w + ".renewal.every"), w + ".renewal.every");
            renewTimes = d.renewal().times() == null ? 0 : d.renewal().times();
        }
        List<SimPackage.StatusEvent> events = new ArrayList<>();
        if (d.events() != null) {
            for (int i = 0; i < d.events().size(); i++) {
                EventDef e = d.events().get(i);
                String ew = w + ".events[" + i + "]";
                boolean remove = Boolean.TRUE.equals(e.remove());
                String status = e.status() == null || "auto".equals(e.status()) ? null : e.status();
                if (status != null) validateStatus(api, status, ew);
                events.add(new SimPackage.StatusEvent(Durations.time(require(e.at(), ew, "at"), epoch, ew + ".at"), status, remove));
            }
            events.sort(Comparator.comparing(SimPackage.StatusEvent::at));
        }
        Map<String, String> tags = d.tags() == null ? Map.of() : new LinkedHashMap<>(d.tags());
        return new SimPackage(api, id, d.name() == null ? "Unnamed" : d.name(), region, instance, type,
                d.packageType() == null ? "WebOutBytes" : d.packageType(), capacity, used, created, start, expire,
                start.isAfter(epoch) ? start : epoch, offPeak,
                consumption, cycle, overflow, renewEvery, renewTimes, List.copyOf(events), tags,
                api == VendorApi.TENCENT_CDN ? (d.extensionMode() == null ? 0 : d.extensionMode())
                        : d.willRenew() == null ? (renewEvery != null ? 1 : 0) : d.willRenew(),
                d.renewalResult() == null ? 0 : d.renewalResult());
    }

    /** Bytes per native unit: 2^30 for VPC (GB), 1 for byte APIs, 0 when the unit is not bytes (Live minutes, hours). */
    static double bytesPerUnit(VendorApi api, int liveType) {
        return switch (api) {
            case TENCENT_VPC -> GIB;
            case TENCENT_LIVE -> liveType == 0 ? 1 : 0;
            default -> 1;
        };
    }

    private static void validateStatus(VendorApi api, String status, String where) {
        Set<String> allowed = switch (api) {
            case TENCENT_VPC -> Set.of("AVAILABLE", "EXPIRED", "EXHAUSTED", "REFUNDED", "DELETED");
            case TENCENT_LIGHTHOUSE -> Set.of("NETWORK_NORMAL", "OVERDUE_NETWORK_DISABLED");
            case TENCENT_LIVE -> Set.of("0", "1", "2", "3", "4", "5");
            case BAIDU_EIP -> Set.of("RUNNING", "EXPIRED", "USED_UP");
            case TENCENT_CDN -> CdnTrafficPackages.STATUSES;
        };
        if (!allowed.contains(status)) {
            throw new ScenarioException(where + ".status: '" + status + "' is not a " + api.id() + " status; allowed " + allowed);
        }
    }

    private static boolean parseDeduct(String deduct, String where) {
        if (deduct == null) return false;
        return switch (deduct) {
            case "FULL_TIME" -> false;
            case "OFF_PEAK" -> true;
            default -> throw new ScenarioException(where + ".deduct: must be FULL_TIME or OFF_PEAK, got '" + deduct + "'");
        };
    }

    static Consumption consumption(UsageDef u, boolean offPeak, double bytesPerUnit, double capacity, String where) {
        if (u == null || u.pattern() == null || u.pattern().equals("none")) return Consumption.NONE;
        double rate = Amounts.rate(require(u.rate(), where, "rate"), bytesPerUnit, capacity, where + ".rate");
        Consumption c = switch (u.pattern()) {
            case "constant" -> offPeak ? Consumption.offPeak(rate) : Consumption.constant(rate);
            case "offPeak" -> Consumption.offPeak(rate);
            case "diurnal" -> Consumption.diurnal(rate, u.amplitude() == null ? 0.8 : u.amplitude(), u.peakHour() == null ? 21 : u.peakHour());
            case "bursty" -> Consumption.bursty(rate,
                    seconds(u.period() == null ? "10m" : u.period(), where + ".period"),
                    seconds(u.burst() == null ? "1m" : u.burst(), where + ".burst"),
                    u.factor() == null ? 10 : u.factor());
            default -> throw new ScenarioException(where + ".pattern: unknown pattern '" + u.pattern()
                    + "' (none, constant, diurnal, bursty, offPeak)");
        };
        if (u.step() != null) c = Consumption.stepped(c, seconds(u.step(), where + ".step"));
        return c;
    }

    private static double seconds(String text, String where) {
        return positive(Durations.parse(text, where), where).toMillis() / 1000.0;
    }

    private static Duration positive(Duration d, String where) {
        if (d.isNegative() || d.isZero()) throw new ScenarioException(where + ": must be a positive duration");
        return d;
    }

    private static String check(Pattern p, String value, String where, String field) {
        if (!p.matcher(value).matches()) {
            throw new ScenarioException(where + "." + field + ": '" + value + "' does not match " + p.pattern());
        }
        return value;
    }

    private static String require(String v, String where, String field) {
        if (v == null || v.isBlank()) throw new ScenarioException(where + ": '" + field + "' is required");
        return v;
    }

    private static void forbid(List<?> l, String where, String field, String what) {
        if (l != null && !l.isEmpty()) throw new ScenarioException(where + ": '" + field + "' is not allowed for " + what);
    }
}
