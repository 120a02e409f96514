package io.packwatch.simulators.scenario;

import io.packwatch.core.VendorApi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated cloud account: its credentials and its packages, indexed the way each API lists them
 * (per region in declaration order, Lighthouse grouped by instance, Live and CDN account-wide). A Baidu marker is the id
 * of a package, i.e. a position in that order; removed packages are hidden but keep their position, so a marker
 * chain survives deletions.
 */
public final class Account {
    public enum Vendor { TENCENT, BAIDU }

    /** A Lighthouse instance and its packages, in declaration order. */
    public record Instance(String id, List<SimPackage> packages) { }

    private final String id;
    private final Vendor vendor;
    private final String keyId;
    private final String secret;
    private final int maxKeysCap;
    private final int liveBillMode;
    private final String fluxBillMode;
    private final Map<VendorApi, Integer> rateLimits;
    private final Map<String, List<SimPackage>> vpc = new LinkedHashMap<>();
    private final Map<String, List<Instance>> lighthouse = new LinkedHashMap<>();
    private final List<SimPackage> live = new ArrayList<>();
    private final List<SimPackage> cdn = new ArrayList<>();
    private final Map<String, List<SimPackage>> eip = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> eipIndex = new LinkedHashMap<>();
    private final Map<VendorApi, Boolean> anyRemoval = new EnumMap<>(VendorApi.class);
    private final List<SimPool> pools;

    public Account(String id, Vendor vendor, String keyId, String secret, int maxKeysCap, int liveBillMode,
                   String fluxBillMode, Map<VendorApi, Integer> rateLimits, List<SimPackage> packages) {
        this(id, vendor, keyId, secret, maxKeysCap, liveBillMode, fluxBillMode, rateLimits, packages, List.of());
    }

    /** @param pools the account's pools; their members are among {@code packages}, drawing through the pool */
    public Account(String id, Vendor vendor, String keyId, String secret, int maxKeysCap, int liveBillMode,
                   String fluxBillMode, Map<VendorApi, Integer> rateLimits, List<SimPackage> packages, List<SimPool> pools) {
        this.pools = List.copyOf(pools);
        this.id = id;
        this.vendor = vendor;
        this.keyId = keyId;
        this.secret = secret;
        this.maxKeysCap = maxKeysCap;
        this.liveBillMode = liveBillMode;
        this.fluxBillMode = fluxBillMode;
        this.rateLimits = Map.copyOf(rateLimits);
        Map<String, Map<String, List<SimPackage>>> lhByInstance = new LinkedHashMap<>();
        for (SimPackage p : packages) {
            anyRemoval.merge(p.api(), p.hasRemoval(), Boolean::logicalOr);
            switch (p.api()) {
                case TENCENT_VPC -> vpc.computeIfAbsent(p.region(), r -> new ArrayList<>()).add(p);
                case TENCENT_LIGHTHOUSE -> lhByInstance.computeIfAbsent(p.region(), r -> new LinkedHashMap<>())
                        .computeIfAbsent(p.instanceId(), i -> new ArrayList<>()).add(p);
                case TENCENT_LIVE -> live.add(p);
                case BAIDU_EIP -> eip.computeIfAbsent(p.region(), r -> new ArrayList<>()).add(p);
                case TENCENT_CDN -> cdn.add(p);
            }
        }
        lhByInstance.forEach((region, instances) -> {
            List<Instance> list = new ArrayList<>();
            instances.forEach((inst, pk) -> list.add(new Instance(inst, List.copyOf(pk))));
            lighthouse.put(region, List.copyOf(list));
        });
        vpc.replaceAll((region, list) -> List.copyOf(list));
        eip.replaceAll((region, list) -> List.copyOf(list));
        eip.forEach((region, list) -> {
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < list.size(); i++) index.put(list.get(i).id(), i);
            eipIndex.put(region, index);
        });
    }

    /** Position of a Baidu package in its region's listing, or -1. Removed packages keep their position. */
    public int eipPosition(String region, String id) {
        Map<String, Integer> index = eipIndex.get(region);
        Integer i = index == null ? null : index.get(id);
        return i == null ? -1 : i;
    }

    public String id() { return id; }

    public Vendor vendor() { return vendor; }

    /** Tencent SecretId / Baidu access key id. */
    public String keyId() { return keyId; }

    /** Tencent SecretKey / Baidu secret access key. Never logged. */
    public String secret() { return secret; }

    /** Baidu: the largest page this account's listing returns, to make marker chains cheap in demos (0 = none). */
    public int maxKeysCap() { return maxKeysCap; }

    public int liveBillMode() { return liveBillMode; }

    public String fluxBillMode() { return fluxBillMode; }

    /** Per-account overrides of the scenario's per-API limits. */
    public Map<VendorApi, Integer> rateLimits() { return rateLimits; }

    public List<SimPackage> vpc(String region) { return vpc.getOrDefault(region, Collections.emptyList()); }

    public List<Instance> lighthouse(String region) { return lighthouse.getOrDefault(region, Collections.emptyList()); }

    public List<SimPackage> live() { return Collections.unmodifiableList(live); }

    /** CDN packages, account-wide (their region is the billing region, not a polled one). */
    public List<SimPackage> cdn() { return Collections.unmodifiableList(cdn); }

    public List<SimPackage> eip(String region) { return eip.getOrDefault(region, Collections.emptyList()); }

    /** The pools declared for this account (vendor-spec §11), each drawing its members in the vendor's order. */
    public List<SimPool> pools() { return pools; }

    public boolean hasRemovals(VendorApi api) { return anyRemoval.getOrDefault(api, false); }

    public java.util.Set<String> regions(VendorApi api) {
        return switch (api) {
            case TENCENT_VPC -> vpc.keySet();
            case TENCENT_LIGHTHOUSE -> lighthouse.keySet();
            case BAIDU_EIP -> eip.keySet();
            case TENCENT_LIVE, TENCENT_CDN -> java.util.Set.of();
        };
    }

    public int packageCount(VendorApi api) {
        return switch (api) {
            case TENCENT_VPC -> vpc.values().stream().mapToInt(List::size).sum();
            case TENCENT_LIGHTHOUSE -> lighthouse.values().stream().flatMap(List::stream).mapToInt(i -> i.packages().size()).sum();
            case TENCENT_LIVE -> live.size();
            case BAIDU_EIP -> eip.values().stream().mapToInt(List::size).sum();
            case TENCENT_CDN -> cdn.size();
        };
    }

    @Override public String toString() { return "Account[" + id + ", " + vendor + "]"; }
}
