package io.packwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry child process never outlives its parent: not after close(), not after the parent is SIGKILLed. */
class RegistryChildProcessIT {

    @Test
    void closeLeavesNoProcessBehind() throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.start();
        List<Long> pids = registry.pids();
        assertThat(pids).hasSizeGreaterThanOrEqualTo(2);

        registry.close();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(
                java.util.Optional.of(true)));
    }

    @Test
    void registryDiesWhenItsParentJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-D" + ApicurioRegistry.DIR_PROPERTY + "=" + System.getProperty(ApicurioRegistry.DIR_PROPERTY),
                RegistryParentMain.class.getName())
                .redirectErrorStream(true)
                .start();
        List<Long> registryPids;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("PIDS "));
            assertThat(line).as("parent JVM announced the registry pids").isNotNull();
            registryPids = Arrays.stream(line.substring(5).split(",")).map(Long::parseLong).toList();
        }
        assertThat(registryPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

        parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
        parent.waitFor();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(registryPids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty()));
    }

    /** Runs in the child JVM of the test above: starts a registry, prints its pids, waits to be killed. */
    public static final class RegistryParentMain {
        public static void main(String[] args) throws Exception {
            ApicurioRegistry registry = ApicurioRegistry.start();
            System.out.println("PIDS " + registry.pids().stream().map(String::valueOf)
                    .reduce((a, b) -> a + "," + b).orElseThrow());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // killed by the test; there is nothing to await here
        }
    }
}
