package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorExtensionTest {
    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    @Test
    void startsTheDemoOnFreePorts(SimulatorServer server) throws Exception {
        assertThat(server).isSameAs(sim.server());
        assertThat(server.tencentPort()).isPositive();
        var r = new RawClient(server).tencent(VendorApi.TENCENT_LIVE, "", "{\"PackageType\":2}",
                "AKIDpackwatchDemo0000000000000000000", "packwatchDemoTencentSecretKey000");
        assertThat(r.body()).contains("\"Type\":3");
    }
}
