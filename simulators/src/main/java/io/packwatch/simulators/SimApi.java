package io.packwatch.simulators;

import java.util.Arrays;

/** The four simulated vendor APIs. Ids match io.packwatch.core.VendorApi without depending on core. */
public enum SimApi {
    TENCENT_VPC("tencent-vpc", "vpc", "DescribeTrafficPackages", "2017-03-12"),
    TENCENT_LIGHTHOUSE("tencent-lighthouse", "lighthouse", "DescribeInstancesTrafficPackages", "2020-03-24"),
    TENCENT_LIVE("tencent-live", "live", "DescribeLivePackageInfo", "2018-08-01"),
    BAIDU_EIP("baidu-eip", "eip", "GET /v1/eiptp", "v1");

    private final String id;
    private final String service;
    private final String action;
    private final String version;

    SimApi(String id, String service, String action, String version) {
        this.id = id;
        this.service = service;
        this.action = action;
        this.version = version;
    }

    public String id() { return id; }

    /** Tencent signing service / first host label; "eip" for Baidu. */
    public String service() { return service; }

    public String action() { return action; }

    public String version() { return version; }

    public boolean isTencent() { return this != BAIDU_EIP; }

    public static SimApi fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id) || a.name().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown API id '" + id + "', expected one of "
                        + Arrays.stream(values()).map(SimApi::id).toList()));
    }

    public static SimApi tencentByAction(String action) {
        for (SimApi a : values()) {
            if (a.isTencent() && a.action.equals(action)) return a;
        }
        return null;
    }
}
