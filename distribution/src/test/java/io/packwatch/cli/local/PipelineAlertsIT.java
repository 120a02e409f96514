package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.core.VendorApi;
import io.packwatch.core.serde.SpecificAvroDeserializer;
import io.packwatch.schema.PackageAlert;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.app.StreamsApp;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the real broker and registry: vendor simulators → the collectors → the streams app. Each
 * scenario's figures are chosen so the alerts are known in advance (pipeline.yaml: one package per alert type, quiet
 * packages on the four original APIs, and an account that loses its permission mid-run; pipeline-cdn.yaml: Tencent
 * CDN); both alert topics, read_committed, must hold exactly those events and nothing else.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class PipelineAlertsIT {

    private static final int POLL_SECONDS = 2;
    private static final String VPC = "tencent-vpc/pipe-tencent/ap-guangzhou/";
    private static final String LH = "tencent-lighthouse/pipe-tencent/ap-guangzhou/";
    private static final String EIP = "baidu-eip/pipe-baidu/bj/";

    /** alert key, state, severity: derived from the scenario's figures and the documented default thresholds. */
    private static final List<String> EXPECTED_DEPLETION = List.of(
            VPC + "tfp-pipe0001#USAGE_THRESHOLD#80 FIRING INFO",        // 95 % used
            VPC + "tfp-pipe0001#USAGE_THRESHOLD#90 FIRING WARNING",
            VPC + "tfp-pipe0002#USAGE_THRESHOLD#80 FIRING INFO",        // used up
            VPC + "tfp-pipe0002#USAGE_THRESHOLD#90 FIRING WARNING",
            VPC + "tfp-pipe0002#USAGE_THRESHOLD#100 FIRING CRITICAL",
            VPC + "tfp-pipe0002#EXHAUSTED FIRING CRITICAL",
            LH + "lhins-pipe0001/lhtfp-pipe0001#USAGE_THRESHOLD#80 FIRING INFO",    // 105 %: quota used, 5 % overflow
            LH + "lhins-pipe0001/lhtfp-pipe0001#USAGE_THRESHOLD#90 FIRING WARNING",
            LH + "lhins-pipe0001/lhtfp-pipe0001#USAGE_THRESHOLD#100 FIRING CRITICAL",
            LH + "lhins-pipe0001/lhtfp-pipe0001#EXHAUSTED FIRING CRITICAL",
            LH + "lhins-pipe0001/lhtfp-pipe0001#OVERFLOW FIRING WARNING",           // below the 10 % critical mark
            LH + "lhins-pipe0002/lhtfp-pipe0002#NETWORK_DISABLED FIRING CRITICAL",
            "tencent-lighthouse/pipe-ops/ap-guangzhou/lhins-pipe0003/lhtfp-pipe0003#STALE FIRING WARNING",
            // 2 %/min from 10 %: runs out in ~45 min, but tp-pipeBj003 (8 GiB left, expiring later) takes over: INFO
            EIP + "tp-pipeBj002#DEPLETION_FORECAST FIRING INFO",
            EIP + "TRAFFIC/FULL_TIME#OVERAGE_FORECAST FIRING CRITICAL");   // the pool: 17 GiB at ~0.2 GiB/min, < 24 h
    private static final List<String> EXPECTED_EXPIRY = List.of(
            "tencent-live/pipe-tencent/-/200001#EXPIRING FIRING WARNING",  // 3 days left, 90 % unused
            EIP + "tp-pipeBj001#EXPIRED_UNUSED FIRING WARNING");          // expired yesterday at 30 %

    private static final String CDN = "tencent-cdn/pipe-cdn/-/";
    private static final List<String> EXPECTED_CDN_DEPLETION = List.of(
            CDN + "300001#USAGE_THRESHOLD#80 FIRING INFO",               // 95 GB of 100 GB (decimal bytes)
            CDN + "300001#USAGE_THRESHOLD#90 FIRING WARNING",
            CDN + "300002#USAGE_THRESHOLD#80 FIRING INFO",               // used up, no renewal
            CDN + "300002#USAGE_THRESHOLD#90 FIRING WARNING",
            CDN + "300002#USAGE_THRESHOLD#100 FIRING CRITICAL",
            CDN + "300002#EXHAUSTED FIRING INFO",                       // 300001 (same billing region) has 5 GB left
            CDN + "300003#USAGE_THRESHOLD#80 FIRING INFO",               // europe billing region, renews when used up
            CDN + "300003#USAGE_THRESHOLD#90 FIRING WARNING");
    private static final List<String> EXPECTED_CDN_EXPIRY = List.of(
            CDN + "300004#EXPIRED_UNUSED FIRING WARNING");               // expired yesterday (Beijing time) at 30 %

    private static final String POOL_BJ = "baidu-eip/pool-baidu/bj/";
    private static final String LIVE = "tencent-live/pool-tencent/-/";
    /** pools.yaml: its header has the arithmetic (vendor-spec §11's worked example with one day = two minutes). */
    private static final List<String> EXPECTED_POOL_DEPLETION = List.of(
            POOL_BJ + "TRAFFIC/FULL_TIME#OVERAGE_FORECAST FIRING CRITICAL",   // overage at +37m20s, not P1's 6.7 min
            LIVE + "310001#DEPLETION_FORECAST FIRING INFO",                     // its pool covers 13.9 days
            "tencent-lighthouse/pool-tencent/ap-guangzhou/lhins-pool0001/lhtfp-pool0001#DEPLETION_FORECAST FIRING CRITICAL");
    private static final List<String> EXPECTED_POOL_EXPIRY = List.of(
            POOL_BJ + "tp-poolBj001#EXPIRING FIRING CRITICAL");                 // drawn, expires at +4m with 40 GiB left

    @TempDir
    Path data;

    @Test
    void simulatorsCollectorsAndStreamsRaiseExactlyTheExpectedAlerts() throws Exception {
        runAndExpect("/scenarios/pipeline.yaml", 4, EXPECTED_DEPLETION, EXPECTED_EXPIRY);
    }

    @Test
    void tencentCdnPackagesRaiseExactlyTheExpectedAlerts() throws Exception {
        runAndExpect("/scenarios/pipeline-cdn.yaml", 1, EXPECTED_CDN_DEPLETION, EXPECTED_CDN_EXPIRY);
    }

    @Test
    void poolsRaiseExactlyTheExpectedPoolAlertsAndDowngrades() throws Exception {
        runAndExpect("/scenarios/pools.yaml", 3, EXPECTED_POOL_DEPLETION, EXPECTED_POOL_EXPIRY);
    }

    private void runAndExpect(String scenarioResource, int collectorCount, List<String> expectedDepletion,
                              List<String> expectedExpiry) throws Exception {
        Scenario scenario;
        try (InputStream in = PipelineAlertsIT.class.getResourceAsStream(scenarioResource)) {
            scenario = Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String bootstrap = TestInfra.kafka().bootstrapServers();
        // topics of each run's own, so that the runs on this broker neither see each other's records nor add to them
        String prefix = KafkaTestClients.unique("pwalerts");
        List<String> seen = new ArrayList<>();
        try (SimulatedVendors vendors = SimulatedVendors.start(scenario, data);
             StreamsApp streams = StreamsApp.start(StreamsSettings.fromMap(streamsSettings(bootstrap, prefix)));
             CollectorHost collectors = new CollectorHost(collectorConfigs(vendors, bootstrap, prefix, collectorCount), 0, "127.0.0.1");
             KafkaConsumer<String, PackageAlert> consumer = alertConsumer(bootstrap)) {
            collectors.startDaemons();
            consumer.subscribe(List.of(prefix + ".alerts.depletion", prefix + ".alerts.expiry"));
            System.out.println("[pipeline] " + scenarioResource + " on " + prefix);
            int expected = expectedDepletion.size() + expectedExpiry.size();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.topic().substring(prefix.length() + 1) + " " + summary(r.key(), r.value())));
            }
            // keep reading for several more poll cycles, so a surplus event (a flap, a false RESOLVED) shows up
            long surplus = System.nanoTime() + Duration.ofSeconds(5L * POLL_SECONDS).toNanos();
            while (System.nanoTime() < surplus) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.topic().substring(prefix.length() + 1) + " " + summary(r.key(), r.value())));
            }
        }
        List<String> expected = new ArrayList<>();
        expectedDepletion.forEach(e -> expected.add("alerts.depletion " + e));
        expectedExpiry.forEach(e -> expected.add("alerts.expiry " + e));
        System.out.println("[pipeline] seen " + seen);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String summary(String recordKey, PackageAlert alert) {
        assertThat(recordKey).isEqualTo(alert.getAlertKey());
        return alert.getAlertKey() + " " + alert.getState() + " " + alert.getSeverity();
    }

    private Map<String, String> streamsSettings(String bootstrap, String prefix) throws Exception {
        Map<String, String> settings = new HashMap<>(LocalStack.streamsSettings(bootstrap, TestInfra.registry().url(),
                data.resolve("streams-state"), freePort()));
        settings.putAll(LocalStack.demoSettings(Duration.ofSeconds(POLL_SECONDS)));
        settings.put("application.id", KafkaTestClients.unique("pw-pipeline"));
        settings.put(StreamsSettings.TOPIC_PREFIX, prefix);
        settings.put("commit.interval.ms", "100");
        // stale after 10 missed polls (20 s): a slow cycle on a loaded CI machine must not look like a data gap
        settings.put("packwatch.alerts.stale.intervals", "10");
        settings.put("packwatch.forecast.min-span", "PT6S");
        return settings;
    }

    private List<CollectorConfig> collectorConfigs(SimulatedVendors vendors, String bootstrap, String prefix, int count)
            throws Exception {
        List<CollectorConfig> configs = vendors.collectorConfigs(data.resolve("collectors"), bootstrap, POLL_SECONDS, prefix);
        assertThat(configs).hasSize(count).allSatisfy(config -> assertThat(config.topic()).startsWith(prefix + ".raw."));
        return configs;
    }

    private static KafkaConsumer<String, PackageAlert> alertConsumer(String bootstrap) {
        SpecificAvroDeserializer<PackageAlert> alerts = new SpecificAvroDeserializer<>(PackageAlert.class);
        alerts.configure(TestInfra.serdeConfig(), false);
        return new KafkaConsumer<>(Map.<String, Object>of(
                "bootstrap.servers", bootstrap, "group.id", KafkaTestClients.unique("pipeline-it"),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new StringDeserializer(), alerts);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
