package io.packwatch.core;

/**
 * What the vendor does once the last package of a pool is used up or expired (vendor-spec §11, last column): the
 * words the overage alerts use. Declared per API next to its {@link PoolRule}; an exhaustive switch, so a new API
 * without its fact does not compile.
 */
public enum AfterLastPackage {
    /** Baidu EIP: the EIPs return to their own pay-by-traffic billing [doc]. */
    PAY_BY_TRAFFIC("pay-as-you-go billing resumes (the EIPs return to pay-by-traffic)"),
    /** Tencent Live: overflow billed daily pay-as-you-go [doc]. */
    DAILY_PAY_AS_YOU_GO("pay-as-you-go billing resumes (overflow billed daily)"),
    /** Tencent VPC: pay-as-you-go traffic of the EIP/CLB/NAT/BWP resources [inferred]. */
    RESOURCE_PAY_AS_YOU_GO("pay-as-you-go billing resumes (traffic billed on the resources) [inferred]"),
    /** Tencent CDN: tiered pay-as-you-go traffic billing [doc]. */
    TIERED_PAY_AS_YOU_GO("pay-as-you-go billing resumes (tiered traffic billing)"),
    /** Tencent Lighthouse: over-quota traffic billed hourly; the network is cut when the account is in arrears [doc]. */
    OVERFLOW_OR_CUT("over-quota traffic is billed hourly, and the network may be cut if the account is in arrears");

    private final String words;

    AfterLastPackage(String words) {
        this.words = words;
    }

    /** e.g. "pay-as-you-go billing resumes (tiered traffic billing)". */
    public String words() {
        return words;
    }

    public static AfterLastPackage of(VendorApi api) {
        return switch (api) {
            case BAIDU_EIP -> PAY_BY_TRAFFIC;
            case TENCENT_LIVE -> DAILY_PAY_AS_YOU_GO;
            case TENCENT_VPC -> RESOURCE_PAY_AS_YOU_GO;
            case TENCENT_CDN -> TIERED_PAY_AS_YOU_GO;
            case TENCENT_LIGHTHOUSE -> OVERFLOW_OR_CUT;
        };
    }
}
