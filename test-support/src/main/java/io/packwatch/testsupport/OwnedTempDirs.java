package io.packwatch.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temp directories that carry their owner JVM in their name ({@code <prefix><pid>-<jvmStartMillis>-<random>}), so
 * that every later {@link #create} removes the ones whose owner is dead.
 *
 * <p>Why this way: a JVM killed with SIGKILL (a test that kills its fork, the OOM killer, a CI timeout) runs no
 * shutdown hook and no close(), so it cannot clean up after itself; only someone who runs later can. Sweeping on
 * every start bounds the leftovers to the dirs of JVMs that died since the last start, so they cannot accumulate.
 * The owner sits in the directory name rather than in a file inside it because the name is created atomically:
 * there is no moment where a live JVM's fresh dir looks ownerless to a sweep running in a parallel JVM.
 *
 * <p>A dir is removed only when its owner is certainly gone: its pid is not alive, or the pid is this JVM's own but
 * the recorded start time is not this JVM's (an earlier JVM that had the same pid, as containers hand out the same
 * pids run after run). A live pid of another process is always kept, even if it might be a reused pid: keeping a
 * stale dir a little longer is harmless, deleting a live JVM's dir is not. (This assumes the JVMs that share the temp
 * dir share a pid namespace, as test forks of one build do.) Names not in the owner format are never touched.
 */
final class OwnedTempDirs {

    private static final long PID = ProcessHandle.current().pid();
    /** Fixed at VM start and the same for every class loader, unlike a value computed from the wall clock now. */
    private static final long JVM_START_MILLIS = ManagementFactory.getRuntimeMXBean().getStartTime();

    private OwnedTempDirs() {
    }

    /** Removes the {@code prefix} dirs of dead owners, then creates a new one owned by this JVM. */
    static Path create(String prefix) throws IOException {
        removeStale(prefix);
        return Files.createTempDirectory(prefix + PID + "-" + JVM_START_MILLIS + "-");
    }

    /** Removes the {@code prefix} dirs under java.io.tmpdir whose owner JVM is dead; returns the ones it removed. */
    static List<Path> removeStale(String prefix) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Pattern owned = Pattern.compile(Pattern.quote(prefix) + "(\\d+)-(\\d+)-\\d+");
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path dir : candidates) {
                Matcher m = owned.matcher(dir.getFileName().toString());
                if (m.matches() && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        && !ownerAlive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    deleteQuietly(dir);
                    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                        removed.add(dir);
                    }
                }
            }
        }
        return removed;
    }

    static boolean ownerAlive(long pid, long jvmStartMillis) {
        if (pid == PID) {
            return jvmStartMillis == JVM_START_MILLIS;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The name prefix of a dir this JVM owns, for tests. */
    static String ownerTag() {
        return PID + "-" + JVM_START_MILLIS + "-";
    }

    /** Best effort: another JVM may be sweeping the same stale dir at the same time. */
    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException raced) {
            // gone already, or going: whatever is left the next sweep sees again
        }
    }
}
