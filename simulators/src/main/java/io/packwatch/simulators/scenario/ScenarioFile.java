package io.packwatch.simulators.scenario;

import java.util.List;
import java.util.Map;

/** The scenario file as written (YAML or JSON); see docs/simulators.md. Bound by Jackson, resolved by {@link ScenarioResolver}. */
public record ScenarioFile(String name, Map<String, Integer> rateLimits, List<AccountDef> accounts, GenerateDef generate,
                           List<FaultDef> faults) {

    public record AccountDef(String id, String vendor, String secretId, String secretKey, String accessKeyId,
                             String secretAccessKey, Integer maxKeysCap, Integer liveBillMode, String fluxBillMode,
                             Map<String, Integer> rateLimits, List<PackageDef> vpc, List<PackageDef> lighthouse,
                             List<PackageDef> live, List<PackageDef> eip, List<PackageDef> cdn, List<PoolDef> pools) { }

    /**
     * A pool's usage (vendor-spec §11): the packages that name this pool are drawn one at a time in the vendor's order.
     * region: required where the API's pools are regional (Baidu, VPC; CDN: billing region, default mainland);
     * kind: Live only, TRAFFIC (default), TRANSCODE (item types 1 and 2) or CO_ANCHORING. Usage as a package's, with
     * percentages of the pool's total capacity.
     */
    public record PoolDef(String id, String api, String region, String kind, UsageDef usage) { }

    public record PackageDef(String id, String name, String region, String instance, Integer type, String packageType,
                             String capacity, String used, String created, String start, String expire, String deduct,
                             UsageDef usage, String cycle, Boolean overflow, RenewalDef renewal, List<EventDef> events,
                             Map<String, String> tags, Integer willRenew, Integer renewalResult,
                             Integer extensionMode, String pool) { }

    /** pattern: none | constant | diurnal | bursty | offPeak; rate "AMOUNT/UNIT"; step: billing step (e.g. 1h). */
    public record UsageDef(String pattern, String rate, Double amplitude, Double peakHour, String period, String burst,
                           Double factor, String step) { }

    public record RenewalDef(String every, Integer times) { }

    public record EventDef(String at, String status, Boolean remove) { }

    /** Generator mode: this many packages per API (or per listed API) in generated accounts. */
    public record GenerateDef(Integer perApi, Integer vpc, Integer lighthouse, Integer live, Integer eip, Long seed,
                              String tencentRegion, String baiduRegion) { }

    /**
     * A fault: api id, optional account, either a rate (0..1) or the next N requests, active from the start or within
     * the simulation-time window [from, until) (scenario times such as "+100s").
     */
    public record FaultDef(String api, String account, Double rate, Integer next, String type, Integer status,
                           String delay, String code, String from, String until) { }
}
