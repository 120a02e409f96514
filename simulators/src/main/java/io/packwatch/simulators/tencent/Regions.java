package io.packwatch.simulators.tencent;

import java.util.Set;

/** Region checks shared by the regional APIs (VPC, Lighthouse): the spec's decision is to always send X-TC-Region. */
final class Regions {
    /** Tencent's public regions; scenario regions are accepted as well. */
    private static final Set<String> KNOWN = Set.of("ap-guangzhou", "ap-shanghai", "ap-nanjing", "ap-beijing", "ap-chengdu",
            "ap-chongqing", "ap-hongkong", "ap-singapore", "ap-jakarta", "ap-seoul", "ap-tokyo", "ap-mumbai", "ap-bangkok",
            "na-siliconvalley", "na-ashburn", "na-toronto", "sa-saopaulo", "eu-frankfurt", "eu-moscow", "ap-shanghai-fsi",
            "ap-shenzhen-fsi", "ap-beijing-fsi", "ap-taipei");

    private Regions() { }

    static String require(String region, Set<String> scenarioRegions) {
        if (region == null || region.isBlank()) {
            throw new TencentError("MissingParameter", "The request is missing a required parameter `Region`.");
        }
        if (!KNOWN.contains(region) && !scenarioRegions.contains(region)) {
            throw new TencentError("UnsupportedRegion", "The region `" + region + "` is not supported by this API.");
        }
        return region;
    }
}
