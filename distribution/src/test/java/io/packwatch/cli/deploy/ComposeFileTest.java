package io.packwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid (Debian's docker-compose validates it offline; .ci/run installs it). */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void composeFileValidates() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt-get install docker-compose)");
        Path env = ROOT.resolve(".env");
        boolean createdEnv = !Files.exists(env);
        if (createdEnv) {
            Files.copy(ROOT.resolve(".env.example"), env); // compose requires the env_file to exist
        }
        try {
            Process process = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "--profile", "demo",
                    "config", "-q").directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
        } finally {
            if (createdEnv) {
                Files.delete(env);
            }
        }
    }

    @Test
    void everyMountedConfigExists() throws Exception {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        var matcher = java.util.regex.Pattern.compile("\\./(deploy/config/[a-z-]+\\.yaml)").matcher(compose);
        int mounts = 0;
        while (matcher.find()) {
            mounts++;
            assertThat(ROOT.resolve(matcher.group(1))).exists();
        }
        assertThat(mounts).isGreaterThanOrEqualTo(7);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
