package io.packwatch.collectors.it;

import static io.packwatch.collectors.it.Fixtures.account;
import static io.packwatch.collectors.it.Fixtures.config;
import static io.packwatch.collectors.it.Fixtures.packages;
import static io.packwatch.collectors.it.Fixtures.summaries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.collectors.run.CycleReport;
import io.packwatch.collectors.run.PollResult;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.control.Fault;
import io.packwatch.simulators.control.FaultController;
import io.packwatch.simulators.control.Outcome;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Vendor-side trouble: throttling storms, 5xx bursts, timeouts, malformed JSON, one account's auth failure. */
@ExtendWith(KafkaAndRegistryExtension.class)
class CollectorFaultsIT {
    static final int VPC_GZ = 250;

    private SimulatorServer sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimulatorServer start(int vpcPackages, Consumer<FaultController> faults) {
        String scenario = "name: collectors-faults\nrateLimits: {tencent-vpc: 20}\naccounts:\n"
                + Fixtures.tencentAccount("tc", Fixtures.TC_ID, Fixtures.TC_KEY)
                + "    vpc:\n" + Fixtures.vpc("ap-guangzhou", "tfp-gz", vpcPackages)
                + Fixtures.tencentAccount("tc2", Fixtures.TC2_ID, Fixtures.TC2_KEY)
                + "    vpc:\n" + Fixtures.vpc("ap-guangzhou", "tfp-zz", 20)
                + Fixtures.baiduAccount("bd") + "    eip:\n" + Fixtures.eip("bj", 1500);
        sim = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(scenario)).withFaultPlan(faults));
        return sim;
    }

    private static double counter(CollectorHost host, String name) {
        return host.registry().find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void throttlingStormFinishesTheCycleWithoutExceedingTheLimit() throws Exception {
        start(2000, f -> f.rate(VendorApi.TENCENT_VPC, 0.3, Fault.throttle()));
        String topic = Fixtures.topic("storm");
        CollectorConfig cfg = config(VendorApi.TENCENT_VPC, sim, topic,
                account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou")), "pacing: {requestsPerSecond: 18}\n");
        try (CollectorHost host = new CollectorHost(List.of(cfg), null, "127.0.0.1")) {
            CycleReport report = host.runOnce().get(VendorApi.TENCENT_VPC);
            assertThat(report.complete()).as("%s", report).isTrue();
            assertThat(report.packages()).isEqualTo(2000);
            assertThat(counter(host, "packwatch.collector.throttles")).isPositive();
        }
        assertThat(sim.stats().requests(VendorApi.TENCENT_VPC, "tc", Outcome.FAULT)).isPositive();
        assertThat(sim.stats().maxPerSecond(VendorApi.TENCENT_VPC, "tc")).isLessThanOrEqualTo(20);
        assertThat(packages(Fixtures.readUntilSummaries(topic, Fixtures.PARTITIONS))).hasSize(2000);
    }

    @Test
    void serverErrorBurstsAndTimeoutsAreRetried() throws Exception {
        start(VPC_GZ, f -> f.next(VendorApi.TENCENT_VPC, "tc", 2, Fault.http(503))
                .next(VendorApi.TENCENT_VPC, "tc", 1, Fault.internalError())
                .next(VendorApi.TENCENT_VPC, "tc", 1, Fault.slow(Duration.ofSeconds(4)))
                .next(VendorApi.TENCENT_VPC, "tc", 1, Fault.connectionReset()));
        String topic = Fixtures.topic("5xx");
        CollectorConfig cfg = config(VendorApi.TENCENT_VPC, sim, topic,
                account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou")), "retry: {maxAttempts: 6, initialBackoffMillis: 50, maxBackoffMillis: 200}\n");
        try (CollectorHost host = new CollectorHost(List.of(cfg), null, "127.0.0.1")) {
            CycleReport report = host.runOnce().get(VendorApi.TENCENT_VPC);
            assertThat(report.complete()).as("%s", report).isTrue();
            assertThat(counter(host, "packwatch.collector.retries")).isGreaterThanOrEqualTo(5);
        }
        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, Fixtures.PARTITIONS);
        assertThat(packages(records)).hasSize(VPC_GZ);
        assertThat(summaries(records)).allSatisfy(s -> assertThat(s.envelope().at("/summary/complete").asBoolean()).isTrue());
    }

    @Test
    void malformedPageIsNotPublishedAndTheNextCycleRecovers() throws Exception {
        // The first page answers normally (after 1 ms), the second is cut in half.
        start(VPC_GZ, f -> f.next(VendorApi.TENCENT_VPC, "tc", 1, Fault.slow(Duration.ofMillis(1)))
                .next(VendorApi.TENCENT_VPC, "tc", 1, Fault.malformedJson()));
        String topic = Fixtures.topic("malformed");
        CollectorConfig cfg = config(VendorApi.TENCENT_VPC, sim, topic,
                account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou")), null);
        try (CollectorHost host = new CollectorHost(List.of(cfg), null, "127.0.0.1")) {
            CycleReport first = host.runOnce().get(VendorApi.TENCENT_VPC);
            assertThat(first.complete()).isFalse();
            PollResult poll = first.polls().get(0);
            assertThat(poll.reasons()).extracting(r -> r.code()).containsExactly("MalformedResponse");
            assertThat(poll.reasons().get(0).message()).startsWith("page 2:");

            List<Fixtures.Raw> cycle1 = Fixtures.readUntilSummaries(topic, Fixtures.PARTITIONS);
            assertThat(packages(cycle1)).hasSize(100);
            assertThat(packages(cycle1)).allSatisfy(r ->
                    assertThat(r.envelope().at("/item/TrafficPackageId").asText()).isLessThan("tfp-gz000100"));
            assertThat(summaries(cycle1)).allSatisfy(s -> {
                JsonNode sum = s.envelope().get("summary");
                assertThat(sum.get("complete").asBoolean()).isFalse();
                assertThat(sum.get("packagesSeen").asInt()).isEqualTo(100);
                assertThat(sum.at("/incompleteReasons/0/code").asText()).isEqualTo("MalformedResponse");
            });

            CycleReport second = host.runOnce().get(VendorApi.TENCENT_VPC);
            assertThat(second.complete()).as("%s", second).isTrue();
            assertThat(second.packages()).isEqualTo(VPC_GZ);
        }
        List<Fixtures.Raw> both = Fixtures.readUntilSummaries(topic, 2 * Fixtures.PARTITIONS);
        assertThat(packages(both)).hasSize(100 + VPC_GZ);
    }

    @Test
    void baiduRetries5xxAndReportsAWrongKeyOnceWithItsRequestId() throws Exception {
        start(10, f -> f.next(VendorApi.BAIDU_EIP, "bd", 2, Fault.http(503)).next(VendorApi.BAIDU_EIP, "bd", 1, Fault.internalError()));
        String topic = Fixtures.topic("baidu-faults");
        CollectorConfig cfg = config(VendorApi.BAIDU_EIP, sim, topic,
                account("main", "BD_AK", "BD_SK", List.of("bj")) + account("broken", "BD_AK", "WRONG_KEY", List.of("bj")), null);
        try (CollectorHost host = new CollectorHost(List.of(cfg), null, "127.0.0.1")) {
            CycleReport report = host.runOnce().get(VendorApi.BAIDU_EIP);
            PollResult main = report.polls().stream().filter(p -> p.account().equals("main")).findFirst().orElseThrow();
            PollResult broken = report.polls().stream().filter(p -> p.account().equals("broken")).findFirst().orElseThrow();
            assertThat(main.complete()).as("%s", main).isTrue();
            assertThat(main.packages()).isEqualTo(1500);
            assertThat(main.pages()).isEqualTo(2);
            assertThat(broken.complete()).isFalse();
            assertThat(broken.reasons()).hasSize(1);
            assertThat(broken.reasons().get(0).code()).isEqualTo("SignatureDoesNotMatch");
            assertThat(broken.reasons().get(0).requestId()).isNotBlank();
        }
        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, 2 * Fixtures.PARTITIONS);
        assertThat(packages(records)).hasSize(1500);
    }

    @Test
    void authFailureOnOneAccountDoesNotStopTheOther() throws Exception {
        start(VPC_GZ, f -> { });
        String topic = Fixtures.topic("auth");
        CollectorConfig cfg = config(VendorApi.TENCENT_VPC, sim, topic,
                account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou"))
                        + account("broken", "TC2_ID", "WRONG_KEY", List.of("ap-guangzhou")), null);
        try (CollectorHost host = new CollectorHost(List.of(cfg), null, "127.0.0.1")) {
            CycleReport report = host.runOnce().get(VendorApi.TENCENT_VPC);
            assertThat(report.complete()).isFalse();
            PollResult main = report.polls().stream().filter(p -> p.account().equals("main")).findFirst().orElseThrow();
            PollResult broken = report.polls().stream().filter(p -> p.account().equals("broken")).findFirst().orElseThrow();
            assertThat(main.complete()).isTrue();
            assertThat(main.packages()).isEqualTo(VPC_GZ);
            assertThat(broken.complete()).isFalse();
            assertThat(broken.reasons()).hasSize(1);
            assertThat(broken.reasons().get(0).code()).startsWith("AuthFailure.");
            assertThat(broken.reasons().get(0).requestId()).isNotBlank();
        }
        // Not retried in a loop: exactly one request besides the good account's three pages.
        assertThat(sim.stats().requests(VendorApi.TENCENT_VPC, "tc")).isEqualTo(3);
        assertThat(sim.stats().requests(VendorApi.TENCENT_VPC)).as("%s", sim.stats().snapshot()).isEqualTo(4);
        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, 2 * Fixtures.PARTITIONS);
        assertThat(packages(records)).hasSize(VPC_GZ);
        Set<String> incomplete = summaries(records).stream().filter(s -> !s.envelope().at("/summary/complete").asBoolean())
                .map(Fixtures.Raw::key).collect(Collectors.toSet());
        assertThat(incomplete).containsExactly("tencent-vpc/broken/ap-guangzhou");
    }
}
