package io.packwatch.core.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.VendorApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void defaultNamesAndPolicies() {
        Topics topics = Topics.create(Topics.DEFAULT_PREFIX, Map.of("schema.registry.url", "mock://topics-test"));
        assertThat(topics.all()).extracting(TopicSpec::name).containsExactly(
                "packwatch.raw.tencent-vpc", "packwatch.raw.tencent-lighthouse", "packwatch.raw.tencent-live",
                "packwatch.raw.baidu-eip", "packwatch.raw.tencent-cdn", "packwatch.packages", "packwatch.package-state",
                "packwatch.pool-members", "packwatch.pool-verdicts", "packwatch.pool-state", "packwatch.alerts.depletion", "packwatch.alerts.expiry", "packwatch.dlq");
        assertThat(topics.packageState().compacted()).isTrue();
        assertThat(topics.poolState().compacted()).isTrue();
        assertThat(topics.packages().compacted()).isFalse();
        assertThat(topics.poolMembers().compacted()).isFalse();
        assertThat(topics.poolVerdicts().compacted()).isFalse();
    }

    @Test
    void prefixIsConfigurable() {
        Topics topics = Topics.create("acme.pw", Map.of());
        assertThat(topics.raw(VendorApi.BAIDU_EIP).name()).isEqualTo("acme.pw.raw.baidu-eip");
        assertThat(topics.alertsExpiry().name()).isEqualTo("acme.pw.alerts.expiry");
        assertThatThrownBy(() -> Topics.create("bad.", Map.of())).hasMessageContaining("prefix");
    }

    @Test
    void vendorApiIdsRoundTrip() {
        for (VendorApi api : VendorApi.values()) {
            assertThat(VendorApi.fromId(api.id())).isSameAs(api);
        }
        assertThatThrownBy(() -> VendorApi.fromId("aws")).hasMessageContaining("aws").hasMessageContaining("baidu-eip");
    }
}
