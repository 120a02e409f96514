package io.packwatch.core;

import java.util.Arrays;

/** The four vendor APIs Packwatch polls. The id is the raw topic suffix and the first segment of every package key. */
public enum VendorApi {
    TENCENT_VPC("tencent-vpc"),
    TENCENT_LIGHTHOUSE("tencent-lighthouse"),
    TENCENT_LIVE("tencent-live"),
    BAIDU_EIP("baidu-eip");

    private final String id;

    VendorApi(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static VendorApi fromId(String id) {
        return Arrays.stream(values())
                .filter(api -> api.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown vendor API '" + id + "', expected one of " + Arrays.toString(ids())));
    }

    public static String[] ids() {
        return Arrays.stream(values()).map(VendorApi::id).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return id;
    }
}
