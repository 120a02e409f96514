package io.packwatch.collectors.it;

import static io.packwatch.collectors.it.Fixtures.account;
import static io.packwatch.collectors.it.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.collectors.CollectCommand;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.collectors.vendor.VendorJson;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.TestInfra;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Daemon mode with four collectors in one JVM, health and Prometheus metrics, bounded shutdown, the CLI. */
@ExtendWith(KafkaAndRegistryExtension.class)
class OperationsIT {
    static SimulatorServer sim;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSimulator() {
        String scenario = "name: collectors-ops\naccounts:\n"
                + Fixtures.tencentAccount("tc", Fixtures.TC_ID, Fixtures.TC_KEY)
                + "    vpc:\n" + Fixtures.vpc("ap-guangzhou", "tfp-gz", 30) + Fixtures.vpc("ap-shanghai", "tfp-sh", 2000)
                + "    lighthouse:\n" + Fixtures.lighthouse("ap-guangzhou", 5)
                + "    live:\n" + Fixtures.live(5, 1, 1, 1)
                + Fixtures.baiduAccount("bd") + "    eip:\n" + Fixtures.eip("bj", 5);
        sim = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(scenario)));
    }

    @AfterAll
    static void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private String get(int port, String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(expectedStatus);
        return r.body();
    }

    @Test
    void fourCollectorsInOneJvmServeHealthAndMetrics() throws Exception {
        String tcAccount = account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou"));
        List<CollectorConfig> configs = List.of(
                config(VendorApi.TENCENT_VPC, sim, Fixtures.topic("ops-vpc"), tcAccount, null),
                config(VendorApi.TENCENT_LIGHTHOUSE, sim, Fixtures.topic("ops-lh"), tcAccount, null),
                config(VendorApi.TENCENT_LIVE, sim, Fixtures.topic("ops-live"), account("main", "TC_ID", "TC_KEY", List.of()), null),
                config(VendorApi.BAIDU_EIP, sim, Fixtures.topic("ops-eip"), account("main", "BD_AK", "BD_SK", List.of("bj")), null));
        CollectorHost host = new CollectorHost(configs, 0, "127.0.0.1");
        int port = host.opsPort();
        try {
            host.startDaemons();
            // Two finished cycles each: the fixed-rate daemon keeps polling.
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> host.runners().stream().allMatch(r ->
                    r.lastReport() != null && r.lastReport().complete())
                    && host.registry().find("packwatch.collector.cycle.duration").timers().stream().allMatch(t -> t.count() >= 2)
                    && host.registry().find("packwatch.collector.cycle.duration").timers().size() == 4);
            var health = VendorJson.MAPPER.readTree(get(port, "/health", 200));
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("collectors")).hasSize(4);
            assertThat(health.get("collectors")).allSatisfy(c -> assertThat(c.get("lastCycleComplete").asBoolean()).isTrue());

            String metrics = get(port, "/metrics", 200);
            assertThat(metrics)
                    .contains("packwatch_collector_requests_total{account=\"main\",api=\"baidu-eip\",code=\"\",outcome=\"success\"}")
                    .contains("packwatch_collector_pages_total{account=\"main\",api=\"tencent-live\",region=\"-\"}")
                    .contains("packwatch_collector_packages_published_total{account=\"main\",api=\"tencent-lighthouse\",region=\"ap-guangzhou\"}")
                    .contains("packwatch_collector_cycle_duration_seconds_count{api=\"tencent-vpc\",result=\"complete\"}")
                    .contains("packwatch_collector_last_success_timestamp_seconds{account=\"main\",api=\"tencent-vpc\",region=\"ap-guangzhou\"}")
                    .contains("packwatch_collector_polls_total");
            get(port, "/nope", 404);
        } finally {
            assertThat(host.shutdown(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void shutdownMidCycleIsBoundedAndTheSummarySaysAbandoned() throws Exception {
        String topic = Fixtures.topic("ops-stop");
        // ap-shanghai holds 2000 packages: 20 pages at 2 requests/s is far longer than the test waits.
        CollectorConfig cfg = config(VendorApi.TENCENT_VPC, sim, topic, account("slow", "TC_ID", "TC_KEY", List.of("ap-shanghai")),
                "pacing: {requestsPerSecond: 2}\n");
        CollectorHost host = new CollectorHost(List.of(cfg), null, "127.0.0.1");
        host.startDaemons();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                host.registry().find("packwatch.collector.pages").counters().stream().mapToDouble(c -> c.count()).sum() >= 2);
        // true = the running cycle stopped (and published its summary) within the bound, without abandoning the broker.
        assertThat(host.shutdown(Duration.ofSeconds(20))).isTrue();

        List<Fixtures.Raw> records = Fixtures.readUntilSummaries(topic, Fixtures.PARTITIONS);
        List<Fixtures.Raw> summaries = Fixtures.summaries(records);
        assertThat(summaries).hasSize(Fixtures.PARTITIONS);
        assertThat(summaries).allSatisfy(s -> {
            assertThat(s.envelope().at("/summary/abandoned").asBoolean()).isTrue();
            assertThat(s.envelope().at("/summary/complete").asBoolean()).isFalse();
            assertThat(s.envelope().at("/summary/packagesSeen").asInt()).isEqualTo(Fixtures.packages(records).size());
        });
        assertThat(sim.stats().requests(VendorApi.TENCENT_VPC, "tc")).isLessThan(20);
    }

    @Test
    void commandExitCodes(@TempDir Path dir) throws Exception {
        String topic = Fixtures.topic("ops-cli");
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, """
                endpoint: http://%s
                accounts:
                  - name: main
                    credentials: {idEnv: TC_ID, keyEnv: TC_KEY}
                kafka: {topic: %s, producer: {bootstrap.servers: "%s"}}
                """.formatted(sim.tencentEndpoint(), topic, TestInfra.kafka().bootstrapServers()));
        assertThat(run("tencent-live", "--config", good.toString(), "--once")).isZero();

        Path badCreds = dir.resolve("bad-creds.yaml");
        Files.writeString(badCreds, Files.readString(good).replace("TC_KEY", "WRONG_KEY"));
        assertThat(run("tencent-live", "--config", badCreds.toString(), "--once")).isEqualTo(CollectCommand.EXIT_INCOMPLETE);

        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, Files.readString(good).replace("idEnv: TC_ID", "idEnv: NOT_SET_ANYWHERE"));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CollectCommand(Fixtures.ENV::get));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("tencent-live", "--config", invalid.toString(), "--once")).isEqualTo(CollectCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("accounts[0].credentials.idEnv: environment variable NOT_SET_ANYWHERE is not set or empty");
        // an API outside the catalogue (tencent-cdn was the example until it joined the catalogue)
        assertThat(run("aws-cloudfront", "--config", good.toString())).isEqualTo(CollectCommand.EXIT_CONFIG);
    }

    private static int run(String... args) {
        return new CommandLine(new CollectCommand(Fixtures.ENV::get)).execute(args);
    }
}
