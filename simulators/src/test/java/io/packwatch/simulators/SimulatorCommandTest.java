package io.packwatch.simulators;

import io.packwatch.simulators.scenario.Scenario;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimulatorCommandTest {
    @Test
    void printsEndpointsAndCredentials() {
        try (SimulatorServer s = SimulatorServer.start(SimulatorOptions.of(Scenario.demo()))) {
            StringWriter w = new StringWriter();
            SimulatorCommand.print(new PrintWriter(w), Scenario.demo(), s);
            assertThat(w.toString()).contains(s.tencentEndpoint()).contains(s.baiduEndpoint("bj")).contains(s.baiduEndpoint("gz"))
                    .contains("SecretId=AKIDpackwatchDemo").contains("AccessKeyId=packwatchDemoBaiduAK");
        }
    }

    @Test
    void runsUntilStoppedAndFreesItsPorts(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "name: tiny\naccounts: [{id: t, vendor: tencent, secretId: AKIDt, secretKey: k}]\n");
        CountDownLatch stop = new CountDownLatch(1);
        SimulatorCommand cmd = new SimulatorCommand(stop);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> rc = ex.submit(() -> new CommandLine(cmd).execute("--scenario", file.toString(), "--port", "0", "--time-scale", "60"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> cmd.running() != null);
            assertThat(cmd.running().clock().scale()).isEqualTo(60);
            stop.countDown();
            assertThat(rc.get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void badScenarioIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "accounts: [{id: t, vendor: tencent}]\n");
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new SimulatorCommand()).setErr(new PrintWriter(err, true)).execute("--scenario", file.toString(), "--port", "0");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("secretId").contains("required");
    }
}
