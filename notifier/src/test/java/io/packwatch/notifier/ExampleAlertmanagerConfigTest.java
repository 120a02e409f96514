package io.packwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The example deploy/alertmanager/alertmanager.yml is one Alertmanager accepts ({@code amtool check-config}). */
class ExampleAlertmanagerConfigTest {

    @Test
    void amtoolAcceptsTheExampleConfig() throws Exception {
        var amtool = AlertmanagerProcess.locate("amtool");
        Assumptions.assumeTrue(amtool.isPresent(), "amtool is not on the PATH: install Debian's prometheus-alertmanager "
                + "(.ci/run does) to check the example Alertmanager config");
        Path config = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                .resolve("deploy/alertmanager/alertmanager.yml");
        if (!Files.exists(config)) {
            config = Path.of("..", "deploy", "alertmanager", "alertmanager.yml");
        }
        Process process = new ProcessBuilder(amtool.get().toString(), "check-config", config.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS", "2 receivers", "1 inhibit rules");
    }
}
