package io.packwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.TestInfra;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that binds a port, run as a user runs it, with the port held by the test: one line on stderr naming
 * the port and the option that moves it, exit code 2, no stack trace.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class PortInUseIT {

    @TempDir
    Path work;

    private static ServerSocket hold(int port) throws Exception {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    /** The error is the last line of stderr (before it, the streams command's INFO log lines may stand). */
    private static void assertOneLineNaming(PackwatchProcess.Result result, int port, String option) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        String[] lines = result.err().strip().split("\n");
        assertThat(lines[lines.length - 1]).as(result.err()).contains("port " + port + " ", "already in use", option);
        assertThat(result.err()).as("no stack trace").doesNotContain("\tat ", "Caused by")
                .doesNotContainPattern("(?m)^[\\w.$]*(Exception|Error)\\b");
    }

    @Test
    void simulators() throws Exception {
        int port = PackwatchProcess.freePort();
        try (ServerSocket held = hold(port)) {
            PackwatchProcess.Result result = PackwatchProcess.run(work, 60, "sim", "--port", Integer.toString(port));
            assertOneLineNaming(result, port, "--port");
            assertThat(result.err().strip()).as("one line").doesNotContain("\n").contains("simulated Tencent APIs");
        }
    }

    @Test
    void embeddedBrokerOfTheLocalRun() throws Exception {
        int port = PackwatchProcess.freePort();
        try (ServerSocket held = hold(port)) {
            PackwatchProcess.Result result = PackwatchProcess.run(work, 120, "local", "--data-dir",
                    work.resolve("data").toString(), "--kafka-port", Integer.toString(port), "--http-port", "0");
            assertOneLineNaming(result, port, "--kafka-port");
            assertThat(result.err().strip()).as("one line").doesNotContain("\n").contains("Kafka broker");
        }
    }

    @Test
    void queryApiOfTheLocalRun() throws Exception {
        int port = PackwatchProcess.freePort();
        int kafka = PackwatchProcess.freePortPair();
        try (ServerSocket held = hold(port)) {
            PackwatchProcess.Result result = PackwatchProcess.run(work, 180, "local", "--data-dir",
                    work.resolve("data").toString(), "--kafka-port", Integer.toString(kafka), "--http-port", Integer.toString(port));
            assertOneLineNaming(result, port, "--http-port");
            assertThat(result.err().strip()).as("one line").doesNotContain("\n").contains("query API");
        }
    }

    @Test
    void healthEndpointOfACollector() throws Exception {
        int port = PackwatchProcess.freePort();
        Files.writeString(work.resolve("id"), "AKIDtest");
        Files.writeString(work.resolve("key"), "secret");
        for (String secret : new String[] {"id", "key"}) {
            Files.setPosixFilePermissions(work.resolve(secret), PosixFilePermissions.fromString("rw-------"));
        }
        Path config = work.resolve("tencent-vpc.yaml");
        Files.writeString(config, String.join("\n",
                "api: tencent-vpc",
                "endpoint: http://127.0.0.1:" + PackwatchProcess.freePort(),
                "accounts:",
                "  - name: acct",
                "    credentials: {idFile: '" + work.resolve("id") + "', keyFile: '" + work.resolve("key") + "'}",
                "    regions: [ap-guangzhou]",
                "kafka:",
                "  producer:",
                "    bootstrap.servers: " + TestInfra.kafka().bootstrapServers(),
                "ops: {port: " + port + ", host: 127.0.0.1}", ""));
        try (ServerSocket held = hold(port)) {
            PackwatchProcess.Result result = PackwatchProcess.run(work, 60, "collect", "tencent-vpc", "--config",
                    config.toString(), "--once");
            assertOneLineNaming(result, port, "ops.port");
        }
    }

    @Test
    void queryApiOfTheStreamsCommand() throws Exception {
        int port = PackwatchProcess.freePort();
        Path config = work.resolve("streams.properties");
        Files.writeString(config, String.join("\n",
                "bootstrap.servers=" + TestInfra.kafka().bootstrapServers(),
                "schema.registry.url=" + TestInfra.serdeConfig().get("schema.registry.url"),
                "application.id=port-in-use-it",
                "state.dir=" + work.resolve("state"),
                "packwatch.http.host=127.0.0.1",
                "packwatch.http.port=" + port, ""));
        try (ServerSocket held = hold(port)) {
            PackwatchProcess.Result result = PackwatchProcess.run(work, 120, "streams", "--config", config.toString());
            assertOneLineNaming(result, port, "packwatch.http.port");
        }
    }
}
