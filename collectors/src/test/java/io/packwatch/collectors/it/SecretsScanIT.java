package io.packwatch.collectors.it;

import static io.packwatch.collectors.it.Fixtures.account;
import static io.packwatch.collectors.it.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.run.CollectorHost;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.control.Fault;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A full run of the four collectors, good and wrong credentials, faults included; then the test log (which every
 * IT of this JVM appends to) and every raw topic the ITs wrote are searched for the configured secrets.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class SecretsScanIT {
    static final Path LOG = Path.of("target/collectors-test.log");

    @Test
    void noSecretInLogsOrTopics() throws Exception {
        String scenario = "name: secrets\naccounts:\n"
                + Fixtures.tencentAccount("tc", Fixtures.TC_ID, Fixtures.TC_KEY)
                + "    vpc:\n" + Fixtures.vpc("ap-guangzhou", "tfp-gz", 150)
                + "    lighthouse:\n" + Fixtures.lighthouse("ap-guangzhou", 3)
                + "    live:\n" + Fixtures.live(3, 1, 1, 1)
                + Fixtures.tencentAccount("tc2", Fixtures.TC2_ID, Fixtures.TC2_KEY)
                + Fixtures.baiduAccount("bd") + "    eip:\n" + Fixtures.eip("bj", 3);
        try (SimulatorServer sim = SimulatorServer.start(SimulatorOptions.of(Scenario.parse(scenario))
                .withFaultPlan(f -> f.next(VendorApi.TENCENT_VPC, "tc", 1, Fault.malformedJson())
                        .next(VendorApi.BAIDU_EIP, 1, Fault.http(503)).next(VendorApi.BAIDU_EIP, 1, Fault.malformedJson())))) {
            String tc = account("main", "TC_ID", "TC_KEY", List.of("ap-guangzhou"))
                    + account("wrong", "TC2_ID", "WRONG_KEY", List.of("ap-guangzhou"));
            String bd = account("main", "BD_AK", "BD_SK", List.of("bj")) + account("wrong", "BD_AK", "WRONG_KEY", List.of("bj"));
            try (CollectorHost host = new CollectorHost(List.of(
                    config(VendorApi.TENCENT_VPC, sim, Fixtures.topic("secrets-vpc"), tc, null),
                    config(VendorApi.TENCENT_LIGHTHOUSE, sim, Fixtures.topic("secrets-lh"), tc, null),
                    config(VendorApi.TENCENT_LIVE, sim, Fixtures.topic("secrets-live"),
                            account("main", "TC_ID", "TC_KEY", List.of()) + account("wrong", "TC2_ID", "WRONG_KEY", List.of()), null),
                    config(VendorApi.BAIDU_EIP, sim, Fixtures.topic("secrets-eip"), bd, null)), null, "127.0.0.1")) {
                host.runOnce();
            }
        }

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).contains("event=poll-error");
        for (String secret : Fixtures.SECRETS) {
            assertThat(log).as("log file").doesNotContain(secret);
        }

        Set<String> topics;
        try (Admin admin = KafkaTestClients.admin()) {
            topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("it.raw.")).collect(Collectors.toSet());
        }
        List<byte[]> everything = readAll(topics);
        assertThat(everything).isNotEmpty();
        for (byte[] bytes : everything) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            for (String secret : Fixtures.SECRETS) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    private static List<byte[]> readAll(Set<String> topics) {
        List<byte[]> out = new ArrayList<>();
        Map<String, Object> props = new HashMap<>(Map.of("bootstrap.servers", TestInfra.kafka().bootstrapServers(),
                "group.id", KafkaTestClients.unique("secrets"), "auto.offset.reset", "earliest"));
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(topics);
            int emptyPolls = 0;
            while (emptyPolls < 10) {
                var records = c.poll(Duration.ofMillis(300));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.add(r.key());
                    out.add(r.value());
                    for (Header h : r.headers()) {
                        out.add(h.value());
                    }
                }
            }
        }
        return out;
    }
}
