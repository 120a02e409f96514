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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Neither the registry child process nor its temp work dir outlives its parent: not after close(), not after the
 * parent is SIGKILLed, and should its whole process tree be SIGKILLed, the next start removes the dir.
 */
class RegistryChildProcessIT {

    @Test
    void closeLeavesNoProcessBehind() throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.start();
        List<Long> pids = registry.pids();
        Path workDir = registry.workDir();
        assertThat(pids).hasSizeGreaterThanOrEqualTo(2);
        assertThat(workDir).isDirectory();
        assertThat(workDir.getFileName().toString())
                .startsWith(ApicurioRegistry.WORK_DIR_PREFIX + OwnedTempDirs.ownerTag());

        registry.close();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .isNotEqualTo(Optional.of(true)));
        assertThat(workDir).doesNotExist();
    }

    @Test
    void registryDiesWhenItsParentJvmIsKilled() throws Exception {
        Parent parent = Parent.start();
        assertThat(parent.registryPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
        assertThat(parent.workDir).isDirectory();
        assertThat(parent.workDir.getFileName().toString())
                .as("the work dir names its owner, the parent JVM")
                .startsWith(ApicurioRegistry.WORK_DIR_PREFIX + parent.process.pid() + "-");

        parent.process.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
        parent.process.waitFor();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(parent.registryPids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(parent.workDir)
                .as("the shell removes the work dir once the registry is gone").doesNotExist());
    }

    @Test
    void workDirOfAKilledProcessTreeIsRemovedByTheNextStart() throws Exception {
        Parent parent = Parent.start();
        // Shell first, so that nobody is left to clean up: the registry JVM, then the parent, all with SIGKILL.
        List<ProcessHandle> tree = parent.registryPids.stream().map(ProcessHandle::of).flatMap(Optional::stream)
                .toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        parent.process.destroyForcibly();
        parent.process.waitFor();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tree)
                .allSatisfy(handle -> assertThat(handle.isAlive()).isFalse()));
        assertThat(parent.workDir).as("nobody was left to remove it").isDirectory();

        try (ApicurioRegistry next = ApicurioRegistry.start()) {
            assertThat(parent.workDir).as("the dead owner's work dir, removed by the next start").doesNotExist();
            assertThat(next.workDir()).isDirectory();
        }
    }

    /** A JVM running {@link RegistryParentMain}, once it has announced its registry. */
    private record Parent(Process process, List<Long> registryPids, Path workDir) {

        static Parent start() throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-D" + ApicurioRegistry.DIR_PROPERTY + "=" + System.getProperty(ApicurioRegistry.DIR_PROPERTY),
                    RegistryParentMain.class.getName())
                    .redirectErrorStream(true)
                    .start();
            Path workDir = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.startsWith("PIDS ")) {
                    if (line.startsWith("DIR ")) {
                        workDir = Path.of(line.substring(4));
                    }
                }
                assertThat(line).as("parent JVM announced the registry pids").isNotNull();
                assertThat(workDir).as("parent JVM announced the registry work dir").isNotNull();
                return new Parent(process, Arrays.stream(line.substring(5).split(",")).map(Long::parseLong).toList(),
                        workDir);
            } catch (Exception | AssertionError e) {
                process.destroyForcibly();
                throw e;
            }
        }
    }

    /** Runs in the child JVM of the tests above: starts a registry, prints its dir and pids, waits to be killed. */
    public static final class RegistryParentMain {
        public static void main(String[] args) throws Exception {
            ApicurioRegistry registry = ApicurioRegistry.start();
            System.out.println("DIR " + registry.workDir());
            System.out.println("PIDS " + registry.pids().stream().map(String::valueOf)
                    .reduce((a, b) -> a + "," + b).orElseThrow());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // killed by the test; there is nothing to await here
        }
    }
}
