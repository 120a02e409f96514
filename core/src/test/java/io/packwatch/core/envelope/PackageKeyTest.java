package io.packwatch.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.VendorApi;
import org.junit.jupiter.api.Test;

class PackageKeyTest {

    @Test
    void keysFollowTheContract() {
        assertThat(PackageKey.of(VendorApi.TENCENT_VPC, "a", "ap-guangzhou", null, "tfp-1"))
                .isEqualTo("tencent-vpc/a/ap-guangzhou/tfp-1");
        assertThat(PackageKey.of(VendorApi.TENCENT_LIGHTHOUSE, "a", "ap-guangzhou", "lhins-1", "lhtfp-1"))
                .isEqualTo("tencent-lighthouse/a/ap-guangzhou/lhins-1/lhtfp-1");
        assertThat(PackageKey.of(VendorApi.TENCENT_LIVE, "a", "", null, "281975")).isEqualTo("tencent-live/a/-/281975");
        assertThat(PackageKey.of(VendorApi.TENCENT_LIVE, "a", null, null, "281975")).isEqualTo("tencent-live/a/-/281975");
        assertThat(PackageKey.summaryKey(VendorApi.BAIDU_EIP, "a", "bj")).isEqualTo("baidu-eip/a/bj");
        assertThat(PackageKey.scopePrefix(VendorApi.BAIDU_EIP, "a", "bj")).isEqualTo("baidu-eip/a/bj/");
    }
}
