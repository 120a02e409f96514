package io.packwatch.collectors;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four vendor APIs a collector can poll, with the facts the collector needs about each (vendor-spec 2-5, 7).
 * The id is the CLI argument, the envelope's {@code api} field and the raw topic suffix.
 */
public enum CollectedApi {
    TENCENT_VPC("tencent-vpc", "tencent", "vpc", "DescribeTrafficPackages", "2017-03-12", true, 20, 15),
    TENCENT_LIGHTHOUSE("tencent-lighthouse", "tencent", "lighthouse", "DescribeInstancesTrafficPackages", "2020-03-24", true, 10, 8),
    TENCENT_LIVE("tencent-live", "tencent", "live", "DescribeLivePackageInfo", "2018-08-01", false, 20, 15),
    /** Baidu documents no rate limit; the spec infers 10 req/s, so the default paces a little below it. */
    BAIDU_EIP("baidu-eip", "baidu", "eip", "GET /v1/eiptp", "v1", true, 0, 9);

    private final String id;
    private final String vendor;
    private final String product;
    private final String action;
    private final String apiVersion;
    private final boolean regional;
    private final double documentedLimitPerSecond;
    private final double defaultPacingPerSecond;

    CollectedApi(String id, String vendor, String product, String action, String apiVersion, boolean regional,
                 double documentedLimitPerSecond, double defaultPacingPerSecond) {
        this.id = id;
        this.vendor = vendor;
        this.product = product;
        this.action = action;
        this.apiVersion = apiVersion;
        this.regional = regional;
        this.documentedLimitPerSecond = documentedLimitPerSecond;
        this.defaultPacingPerSecond = defaultPacingPerSecond;
    }

    public String id() { return id; }
    public String vendor() { return vendor; }
    public String product() { return product; }
    public String action() { return action; }
    public String apiVersion() { return apiVersion; }
    /** Whether the API is polled per region (Live is not: its region is "" on the wire, null in the envelope). */
    public boolean regional() { return regional; }
    /** 0 when the vendor documents no limit. */
    public double documentedLimitPerSecond() { return documentedLimitPerSecond; }
    public double defaultPacingPerSecond() { return defaultPacingPerSecond; }
    public boolean isTencent() { return vendor.equals("tencent"); }

    public static Optional<CollectedApi> fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join("|", Arrays.stream(values()).map(CollectedApi::id).toList());
    }
}
