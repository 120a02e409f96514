package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.run.CollectorHost;
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
 * The whole pipeline on the real broker and registry: vendor simulators → the four collectors → the streams app.
 * The scenario's figures are chosen so the alerts are known in advance (one package per alert type, quiet packages
 * on every API, and an account that loses its permission mid-run); both alert topics, read_committed, must hold
 * exactly those events and nothing else.
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
            EIP + "tp-pipeBj002#DEPLETION_FORECAST FIRING CRITICAL");     // 2 %/min from 10 %: runs out in ~45 min
    private static final List<String> EXPECTED_EXPIRY = List.of(
            "tencent-live/pipe-tencent/-/200001#EXPIRING FIRING WARNING",  // 3 days left, 90 % unused
            EIP + "tp-pipeBj001#EXPIRED_UNUSED FIRING WARNING");          // expired yesterday at 30 %

    @TempDir
    Path data;

    @Test
    void simulatorsCollectorsAndStreamsRaiseExactlyTheExpectedAlerts() throws Exception {
        Scenario scenario;
        try (InputStream in = PipelineAlertsIT.class.getResourceAsStream("/scenarios/pipeline.yaml")) {
            scenario = Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String bootstrap = TestInfra.kafka().bootstrapServers();
        List<String> seen = new ArrayList<>();
        try (SimulatedVendors vendors = SimulatedVendors.start(scenario, data);
             StreamsApp streams = StreamsApp.start(StreamsSettings.fromMap(streamsSettings(bootstrap)));
             CollectorHost collectors = new CollectorHost(collectorConfigs(vendors, bootstrap), 0, "127.0.0.1");
             KafkaConsumer<String, PackageAlert> consumer = alertConsumer(bootstrap)) {
            collectors.startDaemons();
            consumer.subscribe(List.of("packwatch.alerts.depletion", "packwatch.alerts.expiry"));
            int expected = EXPECTED_DEPLETION.size() + EXPECTED_EXPIRY.size();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.topic() + " " + summary(r.key(), r.value())));
            }
            // keep reading for several more poll cycles, so a surplus event (a flap, a false RESOLVED) shows up
            long surplus = System.nanoTime() + Duration.ofSeconds(5L * POLL_SECONDS).toNanos();
            while (System.nanoTime() < surplus) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.topic() + " " + summary(r.key(), r.value())));
            }
        }
        List<String> expected = new ArrayList<>();
        EXPECTED_DEPLETION.forEach(e -> expected.add("packwatch.alerts.depletion " + e));
        EXPECTED_EXPIRY.forEach(e -> expected.add("packwatch.alerts.expiry " + e));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String summary(String recordKey, PackageAlert alert) {
        assertThat(recordKey).isEqualTo(alert.getAlertKey());
        return alert.getAlertKey() + " " + alert.getState() + " " + alert.getSeverity();
    }

    private Map<String, String> streamsSettings(String bootstrap) throws Exception {
        Map<String, String> settings = new HashMap<>(LocalStack.streamsSettings(bootstrap, TestInfra.registry().url(),
                data.resolve("streams-state"), freePort()));
        settings.putAll(LocalStack.demoSettings(Duration.ofSeconds(POLL_SECONDS)));
        settings.put("application.id", KafkaTestClients.unique("pw-pipeline"));
        settings.put("commit.interval.ms", "100");
        // stale after 10 missed polls (20 s): a slow cycle on a loaded CI machine must not look like a data gap
        settings.put("packwatch.alerts.stale.intervals", "10");
        settings.put("packwatch.forecast.min-span", "PT6S");
        return settings;
    }

    private List<CollectorConfig> collectorConfigs(SimulatedVendors vendors, String bootstrap) throws Exception {
        List<CollectorConfig> configs = vendors.collectorConfigs(data.resolve("collectors"), bootstrap, POLL_SECONDS);
        assertThat(configs).hasSize(4);
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
