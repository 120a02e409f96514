package io.packwatch.collectors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.collectors.CollectCommand;
import io.packwatch.core.VendorApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigLoaderTest {
    /** A valid VPC config whose kafka.producer block the producer tests extend line by line. */
    private static final String PRODUCER_BASE = """
                accounts:
                  - name: a
                    credentials: {idEnv: TENCENTCLOUD_SECRET_ID, keyEnv: TENCENTCLOUD_SECRET_KEY}
                    regions: [ap-guangzhou]
                kafka:
                  producer:
                    bootstrap.servers: "x:9092"
                """;

    private static final Map<String, String> ENV = Map.of(
            "TENCENTCLOUD_SECRET_ID", "AKIDexample", "TENCENTCLOUD_SECRET_KEY", "keyExample",
            "BAIDU_ACCESS_KEY_ID", "ak", "BAIDU_SECRET_ACCESS_KEY", "sk");

    private final ConfigLoader loader = new ConfigLoader(ENV::get);

    private static Path example(String name) {
        return Path.of("src/main/resources/examples/" + name + ".yaml");
    }

    @Test
    void everyExampleIsValidForItsApi() {
        CollectorConfig vpc = loader.load(example("tencent-vpc"), VendorApi.TENCENT_VPC);
        assertThat(vpc.accounts().get(0).regions()).containsExactly("ap-guangzhou", "ap-shanghai", "ap-beijing");
        assertThat(vpc.accounts().get(0).credentials().key().reveal()).isEqualTo("keyExample");
        assertThat(vpc.topic()).isEqualTo("packwatch.raw.tencent-vpc");
        assertThat(vpc.pollInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(vpc.requestsPerSecond()).isEqualTo(15.0);

        CollectorConfig live = loader.load(example("tencent-live"), VendorApi.TENCENT_LIVE);
        assertThat(live.accounts().get(0).regions()).containsExactly("");
        assertThat(loader.load(example("baidu-eip"), VendorApi.BAIDU_EIP).baiduBaseUrl("bj"))
                .isEqualTo("https://eip.bj.baidubce.com");

        CollectorConfig cdn = loader.load(example("tencent-cdn"), VendorApi.TENCENT_CDN);
        assertThat(cdn.accounts().get(0).regions()).as("no region").containsExactly("");
        assertThat(cdn.topic()).isEqualTo("packwatch.raw.tencent-cdn");
        assertThat(cdn.requestsPerSecond()).isEqualTo(15.0);
    }

    @Test
    void everyCatalogueApiHasAnExample() {
        for (VendorApi api : VendorApi.values()) {
            assertThat(example(api.id())).as(api.id()).isRegularFile();
        }
    }

    @Test
    void lighthouseExampleNamesMissingSecretFiles() {
        assertThatThrownBy(() -> loader.load(example("tencent-lighthouse"), VendorApi.TENCENT_LIGHTHOUSE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("accounts[0].credentials.idFile: cannot read /run/secrets/tencent-intl-id");
    }

    @Test
    void secretFilesAreReadAndTrimmed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("id"), "AKIDfromfile\n");
        Files.writeString(dir.resolve("key"), "secretfromfile\n");
        String yaml = """
                accounts:
                  - name: a
                    credentials: {idFile: %s, keyFile: %s}
                    regions: [ap-guangzhou]
                kafka: {producer: {bootstrap.servers: "x:9092", security.protocol: SASL_SSL}}
                """.formatted(dir.resolve("id"), dir.resolve("key"));
        CollectorConfig cfg = validate(yaml, VendorApi.TENCENT_LIGHTHOUSE);
        assertThat(cfg.accounts().get(0).credentials().id().reveal()).isEqualTo("AKIDfromfile");
        assertThat(cfg.producerProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(cfg.requestsPerSecond()).isEqualTo(8.0);
        assertThat(cfg.opsPort()).isNull();
    }

    @Test
    void inlineSecretsAreRefusedWithoutEchoingThem() {
        String yaml = """
                accounts:
                  - name: a
                    credentials: {secretKey: verySecretValue123}
                    regions: [bj]
                kafka: {producer: {bootstrap.servers: "x:9092"}}
                """;
        assertThatThrownBy(() -> validate(yaml, VendorApi.BAIDU_EIP))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("accounts[0].credentials.secretKey: inline credentials are not accepted")
                .message().doesNotContain("verySecretValue123");
    }

    @Test
    void everyProblemNamesItsKey() {
        String yaml = """
                api: tencent-vpc
                pollIntervalSeconds: 0
                pacing: {requestsPerSecond: 25}
                accounts:
                  - name: a/b
                    credentials: {idEnv: MISSING_ID, keyEnv: TENCENTCLOUD_SECRET_KEY}
                  - name: c
                    credentials: {idEnv: TENCENTCLOUD_SECRET_ID, keyEnv: TENCENTCLOUD_SECRET_KEY}
                    regions: [x, x]
                """;
        assertThatThrownBy(() -> validate(yaml, VendorApi.TENCENT_LIGHTHOUSE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "api: the file is for 'tencent-vpc' but the collector is tencent-lighthouse",
                        "pollIntervalSeconds: must be greater than 0",
                        "pacing.requestsPerSecond: 25.0 exceeds the documented limit of 10.0 requests/s for tencent-lighthouse",
                        "accounts[0].name: must not contain '/' (it is part of the record key)",
                        "accounts[0].credentials.idEnv: environment variable MISSING_ID is not set or empty",
                        "accounts[0].regions: at least one region is required for tencent-lighthouse",
                        "accounts[1].regions[1]: duplicate region 'x'",
                        "kafka: missing (at least kafka.producer.bootstrap.servers)"));
    }

    @Test
    void producerOverridesThatWeakenTheIdempotentProducerAreInvalid() {
        String base = PRODUCER_BASE;
        Map<String, String> unsafe = Map.of(
                "acks: 1", "kafka.producer.acks: must be all (or -1)",
                "acks: \"0\"", "kafka.producer.acks: must be all (or -1)",
                "acks: ~", "kafka.producer.acks: must be all (or -1)",
                "enable.idempotence: false", "kafka.producer.enable.idempotence: must be true",
                "enable.idempotence: \"false\"", "kafka.producer.enable.idempotence: must be true",
                "max.in.flight.requests.per.connection: 6", "kafka.producer.max.in.flight.requests.per.connection: must be a whole number from 1 to 5",
                "retries: 0", "kafka.producer.retries: must be a whole number of at least 1");
        unsafe.forEach((line, problem) -> assertThatThrownBy(() -> validate(base + "    " + line + "\n", VendorApi.TENCENT_VPC))
                .as(line)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith(problem)));

        // All of them at once, each named, next to the other problems of the file (exit code 2 in the CLI).
        String all = base + """
                    acks: 1
                    enable.idempotence: false
                    max.in.flight.requests.per.connection: 10
                    retries: 0
                """;
        assertThatThrownBy(() -> validate(all.replace("name: a", "name: a/b"), VendorApi.TENCENT_VPC))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(5).anySatisfy(p -> assertThat(p).startsWith("accounts[0].name:"));
                    assertThat(e.problems()).filteredOn(p -> p.startsWith("kafka.producer.")).extracting(p -> p.substring(0, p.indexOf(':')))
                            .containsExactly("kafka.producer.acks", "kafka.producer.enable.idempotence",
                                    "kafka.producer.max.in.flight.requests.per.connection", "kafka.producer.retries");
                    assertThat(e.getMessage()).startsWith("invalid collector configuration:\n  ");
                });
    }

    @Test
    void safeProducerOverridesAreAccepted() {
        String yaml = PRODUCER_BASE + """
                    acks: all
                    enable.idempotence: true
                    max.in.flight.requests.per.connection: 5
                    retries: 10
                    security.protocol: SASL_SSL
                """;
        CollectorConfig cfg = validate(yaml, VendorApi.TENCENT_VPC);
        assertThat(cfg.producerProperties()).containsEntry("acks", "all").containsEntry("retries", 10)
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(validate(yaml.replace("acks: all", "acks: -1"), VendorApi.TENCENT_VPC).producerProperties())
                .containsEntry("acks", -1);
    }

    @Test
    void theCliExitsWithTheConfigCodeForAnUnsafeProducer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("vpc.yaml"), """
                accounts:
                  - name: a
                    credentials: {idEnv: TENCENTCLOUD_SECRET_ID, keyEnv: TENCENTCLOUD_SECRET_KEY}
                    regions: [ap-guangzhou]
                kafka: {createTopic: false, producer: {bootstrap.servers: "127.0.0.1:9", enable.idempotence: false}}
                """);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CollectCommand(ENV::get));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("tencent-vpc", "--config", file.toString(), "--once")).isEqualTo(CollectCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("kafka.producer.enable.idempotence: must be true");
    }

    @Test
    void unknownKeysAndWrongTypesAreNamed() {
        assertThatThrownBy(() -> loader.parse("pollIntervalSecs: 5\n"))
                .hasMessageContaining("pollIntervalSecs: unknown key");
        assertThatThrownBy(() -> loader.parse("retry: {maxAttempts: lots}\n"))
                .hasMessageContaining("retry.maxAttempts: expected a number");
        assertThatThrownBy(() -> loader.parse("accounts: [ {name: a, regions: bj} ]\n"))
                .hasMessageContaining("accounts[0].regions: expected a list");
        assertThatThrownBy(() -> loader.parse("accounts: [ {name: a\n  - b: c\n"))
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void aKeyWrittenTwiceIsAnErrorNotTheLastValue() {
        assertThatThrownBy(() -> loader.parse("kafka:\n  topicPrefix: mine\n  topicPrefix: other-secret-value\n"))
                .hasMessageContaining("(file): duplicate key 'topicPrefix' at line 3")
                .hasMessageNotContaining("other-secret-value");
    }

    @Test
    void liveTakesNoRegions() {
        String yaml = """
                accounts:
                  - name: a
                    credentials: {idEnv: TENCENTCLOUD_SECRET_ID, keyEnv: TENCENTCLOUD_SECRET_KEY}
                    regions: [ap-guangzhou]
                kafka: {producer: {bootstrap.servers: "x:9092"}}
                """;
        assertThatThrownBy(() -> validate(yaml, VendorApi.TENCENT_LIVE))
                .hasMessageContaining("accounts[0].regions: tencent-live has no regions; remove the key");
    }

    @Test
    void secretsNeverPrint() {
        Secret s = new Secret("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(new AccountCredentials(s, s, null).toString()).doesNotContain("hunter2");
    }

    private CollectorConfig validate(String yaml, VendorApi api) {
        return new ConfigValidator(ENV::get).validate(loader.parse(yaml), api);
    }
}
