package io.packwatch.simulators.scenario;

import io.packwatch.core.VendorApi;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScenarioParsingTest {
    @Test
    void demoScenarioCoversEveryApi() {
        Scenario demo = Scenario.demo();
        List<Account> accounts = demo.resolve(Instant.now());
        Account tc = accounts.stream().filter(a -> a.id().equals("tencent-demo")).findFirst().orElseThrow();
        Account bd = accounts.stream().filter(a -> a.id().equals("baidu-demo")).findFirst().orElseThrow();
        assertThat(tc.packageCount(VendorApi.TENCENT_VPC)).isGreaterThanOrEqualTo(8);
        assertThat(tc.packageCount(VendorApi.TENCENT_LIGHTHOUSE)).isGreaterThanOrEqualTo(3);
        assertThat(tc.live()).extracting(SimPackage::liveType).contains(0, 1, 2, 3);
        assertThat(bd.eip("bj").size()).isGreaterThan(bd.maxKeysCap() * 2);
        assertThat(demo.rateLimits()).containsEntry(VendorApi.TENCENT_LIGHTHOUSE, 10);
    }

    @Test
    void amountsWithUnitsAndPercentages() {
        Scenario s = Scenario.parse("""
                accounts:
                  - id: t
                    vendor: tencent
                    secretId: AKIDx
                    secretKey: k
                    vpc: [{id: tfp-aaaaaaa1, region: ap-guangzhou, capacity: 1TiB, used: 25%}]
                    live: [{id: "1", type: 0, capacity: 500GB, used: 1.5GB}, {id: "2", type: 3, capacity: 100}]
                """);
        Account a = s.resolve(Instant.now()).get(0);
        SimPackage vpc = a.vpc("ap-guangzhou").get(0);
        assertThat(vpc.capacity()).isEqualTo(1024);   // GB, the VPC API's unit
        assertThat(vpc.initialUsed()).isEqualTo(256);
        assertThat(a.live().get(0).capacity()).isEqualTo(500e9);
        assertThat(a.live().get(0).initialUsed()).isCloseTo(1.5e9, within(1e-3));
    }

    @Test
    void relativeTimes() {
        Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Durations.time("+90s", epoch, "x")).isEqualTo(epoch.plusSeconds(90));
        assertThat(Durations.time("-2d", epoch, "x")).isEqualTo(epoch.minusSeconds(2 * 86400));
        assertThat(Durations.time("2024-07-16T10:46:08Z", epoch, "x")).isEqualTo(Instant.parse("2024-07-16T10:46:08Z"));
        assertThat(Durations.parse("PT1H", "x").toSeconds()).isEqualTo(3600);
    }

    @Test
    void aKeyWrittenTwiceIsAnError() {
        assertThatThrownBy(() -> Scenario.parse("name: a\nname: b\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("Duplicate field 'name'").hasMessageContaining("line 2");
    }

    @Test
    void errorsNameTheEntryAndTheProblem() {
        assertThatThrownBy(() -> Scenario.parse("accounts: [{id: t, vendor: tencent, secretId: a, secretKey: b, vpc: [{id: tfp-aaaaaaa1, region: r, capacity: 1, colour: red}]}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("colour").hasMessageContaining("vpc");
        assertThatThrownBy(() -> Scenario.parse("accounts: [{id: t, vendor: tencent, secretId: a, secretKey: b, vpc: [{id: bad-id, region: r, capacity: 1}]}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("accounts[0] (t).vpc[0] (bad-id).id");
        assertThatThrownBy(() -> Scenario.parse("accounts: [{id: t, vendor: tencent, secretId: a, secretKey: b, vpc: [{id: tfp-aaaaaaa1, region: r, capacity: 1, expire: soon}]}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("expire").hasMessageContaining("soon");
        assertThatThrownBy(() -> Scenario.parse("accounts: [{id: t, vendor: tencent, secretId: a, secretKey: b, live: [{id: '1', type: 3, capacity: 1GB}]}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("minutes or hours");
        assertThatThrownBy(() -> Scenario.parse("accounts: [{id: t, vendor: oracle, secretId: a, secretKey: b}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("tencent or baidu");
        assertThatThrownBy(() -> Scenario.parse("rateLimits: {tencent-cvm: 3}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("tencent-cvm");
        assertThatThrownBy(() -> Scenario.parse("accounts: [{id: t, vendor: tencent, secretId: a, secretKey: b, vpc: [{id: tfp-aaaaaaa1, region: r, capacity: 1, events: [{at: +1m, status: GONE}]}]}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("GONE");
        assertThatThrownBy(() -> Scenario.parse("faults: [{api: tencent-vpc, type: EXPLODE, rate: 0.1}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("EXPLODE");
        assertThatThrownBy(() -> Scenario.parse("faults: [{api: tencent-cvm, type: THROTTLE, rate: 0.1}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("tencent-cvm");
        assertThatThrownBy(() -> Scenario.parse("faults: [{api: baidu-eip, type: ERROR, next: 1}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("code");
        assertThatThrownBy(() -> Scenario.parse("faults: [{api: tencent-vpc, type: THROTTLE, rate: 1, from: +2m, until: +1m}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("faults[tencent-vpc]").hasMessageContaining("until");
        assertThatThrownBy(() -> Scenario.parse("faults: [{api: tencent-vpc, type: THROTTLE, rate: 1, from: later}]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("faults[tencent-vpc].from").hasMessageContaining("later");
    }

    @Test
    void generatorMakesNPackagesPerApi() {
        List<Account> accounts = Scenario.generated(1000, 7).resolve(Instant.now());
        Account tc = accounts.get(0);
        Account bd = accounts.get(1);
        assertThat(tc.packageCount(VendorApi.TENCENT_VPC)).isEqualTo(1000);
        assertThat(tc.packageCount(VendorApi.TENCENT_LIGHTHOUSE)).isEqualTo(1000);
        assertThat(tc.packageCount(VendorApi.TENCENT_LIVE)).isEqualTo(1000);
        assertThat(bd.packageCount(VendorApi.BAIDU_EIP)).isEqualTo(1000);
        assertThat(tc.keyId()).isEqualTo(Generator.TENCENT_SECRET_ID);
    }
}
