package io.packwatch.collectors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.collectors.CollectCommand;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real process: `collect tencent-vpc --config F` as a daemon, stopped with SIGTERM in the middle of a cycle. */
@ExtendWith(KafkaAndRegistryExtension.class)
class SigtermIT {

    @Test
    void sigtermStopsTheDaemonWithinTheBoundAndTheSummarySaysAbandoned(@TempDir Path dir) throws Exception {
        String scenario = "name: sigterm\naccounts:\n" + Fixtures.tencentAccount("tc", Fixtures.TC_ID, Fixtures.TC_KEY)
                + "    vpc:\n" + Fixtures.vpc("ap-guangzhou", "tfp-gz", 2000);
        try (SimulatorServer sim = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(scenario)))) {
            String topic = Fixtures.topic("sigterm");
            Path config = dir.resolve("vpc.yaml");
            Files.writeString(config, """
                    pollIntervalSeconds: 60
                    endpoint: http://%s
                    pacing: {requestsPerSecond: 2}
                    shutdownTimeoutSeconds: 10
                    accounts:
                      - name: main
                        credentials: {idEnv: TC_ID, keyEnv: TC_KEY}
                        regions: [ap-guangzhou]
                    kafka: {topic: %s, producer: {bootstrap.servers: "%s"}}
                    """.formatted(sim.tencentEndpoint(), topic, TestInfra.kafka().bootstrapServers()));
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", classpath, CollectCommand.class.getName(), "tencent-vpc", "--config", config.toString());
            pb.environment().put("TC_ID", Fixtures.TC_ID);
            pb.environment().put("TC_KEY", Fixtures.TC_KEY);
            Path out = dir.resolve("collector.out");
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
            Process process = pb.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> sim.stats().requests(VendorApi.TENCENT_VPC, "tc") >= 3);
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            } finally {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).isEqualTo(143);
            String log = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(log).contains("event=shutdown-requested api=tencent-vpc")
                    .contains("event=collector-stopped api=tencent-vpc clean=true");
            // 20 pages at 2 requests/s: the daemon was stopped well before the end of its first cycle.
            assertThat(sim.stats().requests(VendorApi.TENCENT_VPC, "tc")).isLessThan(20);

            List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, Fixtures.PARTITIONS);
            assertThat(Fixtures.summaries(records)).hasSize(Fixtures.PARTITIONS).allSatisfy(s -> {
                assertThat(s.envelope().at("/summary/abandoned").asBoolean()).isTrue();
                assertThat(s.envelope().at("/summary/complete").asBoolean()).isFalse();
                assertThat(s.envelope().at("/summary/incompleteReasons/0/code").asText()).isEqualTo("Abandoned");
            });
            // Every package of the pages fetched before the stop made it to the topic.
            assertThat(Fixtures.packages(records)).hasSize(packagesSeen(records));
        }
    }

    private static int packagesSeen(List<Fixtures.Raw> records) {
        return Fixtures.summaries(records).get(0).envelope().at("/summary/packagesSeen").asInt();
    }
}
