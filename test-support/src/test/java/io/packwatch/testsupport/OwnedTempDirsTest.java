package io.packwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only the dirs of dead owners are removed; a live owner's dir never is. */
class OwnedTempDirsTest {

    private static final String PREFIX = "packwatch-ownedtempdirs-test-";
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(Process::destroyForcibly);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(TMP, PREFIX + "*")) {
            dirs.forEach(OwnedTempDirs::deleteQuietly);
        }
    }

    @Test
    void createRemovesTheDirsOfDeadOwnersAndKeepsTheOthers() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Process alive = started(new ProcessBuilder("cat")); // lives until its stdin closes
        long me = ProcessHandle.current().pid();

        Path deadOwner = dir(exited.pid() + "-1700000000000-1");
        Path earlierJvmWithMyPid = dir(me + "-1700000000000-2");
        Path liveOwner = dir(alive.pid() + "-1700000000000-3");
        Path notOwnerFormat = dir("12345"); // e.g. a dir from before owners were recorded: never touched
        Files.writeString(deadOwner.resolve("data.log"), "left by a killed JVM");

        Path mine = OwnedTempDirs.create(PREFIX);

        assertThat(mine.getFileName().toString()).startsWith(PREFIX + OwnedTempDirs.ownerTag());
        assertThat(deadOwner).doesNotExist();
        assertThat(earlierJvmWithMyPid).doesNotExist();
        assertThat(liveOwner).isDirectory();
        assertThat(notOwnerFormat).isDirectory();
        assertThat(mine).isDirectory();
    }

    @Test
    void aDirIsRemovedOnceItsOwnerHasDied() throws Exception {
        Process owner = started(new ProcessBuilder("cat"));
        Path dir = dir(owner.pid() + "-1700000000000-4");
        Path mine = OwnedTempDirs.create(PREFIX);

        assertThat(OwnedTempDirs.removeStale(PREFIX)).isEmpty();
        assertThat(dir).isDirectory();

        owner.destroyForcibly();
        owner.waitFor();

        assertThat(OwnedTempDirs.removeStale(PREFIX)).containsExactly(dir);
        assertThat(dir).doesNotExist();
        assertThat(mine).isDirectory();
    }

    private Process started(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static Path dir(String ownerPart) throws Exception {
        return Files.createDirectory(TMP.resolve(PREFIX + ownerPart));
    }
}
