package io.packwatch.streams;

import static io.packwatch.streams.Envelopes.bytes;
import static io.packwatch.streams.Envelopes.json;
import static io.packwatch.streams.Envelopes.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vendor enum values we do not know become UNKNOWN (the verbatim value kept), never a DLQ record. */
class UnknownEnumsTest {
    private static final Instant T0 = Instant.parse("2024-07-16T10:46:08Z");

    @TempDir
    Path stateDir;

    private PackageSnapshot normalize(VendorApi api, ObjectNode env) {
        try (TopologyFixture t = new TopologyFixture(stateDir)) {
            t.pipe(api, "k", bytes(env), T0);
            assertThat(t.dlq.isEmpty()).isTrue();
            return t.packages.readValue();
        }
    }

    @Test
    void vpcUnknownStatusAndDeductType() {
        PackageSnapshot s = normalize(VendorApi.TENCENT_VPC, pkg("tencent-vpc", "a", "r", "p", T0, json("""
                {"TrafficPackageId":"tfp-1","TotalAmount":1,"UsedAmount":0,"RemainingAmount":1,"Status":"ISOLATED","DeductType":"NIGHT_ONLY"}""")));
        assertThat(s.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(s.getVendorStatus()).isEqualTo("ISOLATED");
        assertThat(s.getDeductPolicy()).isEqualTo(DeductPolicy.UNKNOWN);
        assertThat(s.getOffPeakWindow()).isNull();
    }

    @Test
    void lighthouseUnknownStatus() {
        ObjectNode env = pkg("tencent-lighthouse", "a", "r", "p", T0, json("""
                {"TrafficPackageId":"lhtfp-1","TrafficUsed":0,"TrafficPackageTotal":10,"TrafficPackageRemaining":10,"TrafficOverflow":0,"Status":"NETWORK_THROTTLED"}"""));
        env.put("instanceId", "lhins-1");
        PackageSnapshot s = normalize(VendorApi.TENCENT_LIGHTHOUSE, env);
        assertThat(s.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(s.getVendorStatus()).isEqualTo("NETWORK_THROTTLED");
    }

    @Test
    void liveUnknownTypeAndStatusAndRenewFlag() {
        PackageSnapshot s = normalize(VendorApi.TENCENT_LIVE, pkg("tencent-live", "a", null, "p", T0, json("""
                {"Id":"7","Type":9,"Status":42,"Total":10,"Used":1,"Left":9,"WillRenew":7}""")));
        assertThat(s.getKind()).isEqualTo(PackageKind.UNKNOWN);
        assertThat(s.getUnit()).isEqualTo(AmountUnit.UNKNOWN);
        assertThat(s.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(s.getVendorStatus()).isEqualTo("42");
        assertThat(s.getAutoRenew()).isNull();
    }

    @Test
    void baiduUnknownStatusAndDeductPolicy() {
        PackageSnapshot s = normalize(VendorApi.BAIDU_EIP, pkg("baidu-eip", "a", "bj", "p", T0, json("""
                {"id":"tp-1","deductPolicy":"WeekendPackage","packageType":"WebOutBytes","status":"FROZEN","capacity":10,"usedCapacity":"3"}""")));
        assertThat(s.getStatus()).isEqualTo(PackageStatus.UNKNOWN);
        assertThat(s.getVendorStatus()).isEqualTo("FROZEN");
        assertThat(s.getDeductPolicy()).isEqualTo(DeductPolicy.UNKNOWN);
        assertThat(s.getRemaining()).isEqualTo(7L);
    }
}
