package io.packwatch.lake;

import static io.packwatch.lake.LakeSinkIT.DUCKDB_JAR;
import static io.packwatch.lake.LakeSinkIT.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the Connect worker process after it wrote data files but before the table commit, then a restart: every
 * topic record is in the table exactly once (the Iceberg sink commits the table and the consumer offsets through its
 * control topic; the killed worker's files stay uncommitted orphans).
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class LakeCrashRestartIT {

    @TempDir
    Path dir;

    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void killWorkers() throws InterruptedException {
        for (Process worker : workers) {
            worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedMidRunAndRestartedTheTableHoldsEveryRecordOnce() throws Exception {
        String prefix = KafkaTestClients.unique("lake-crash");
        Topics topics = LakeSinkIT.createTopics(prefix);
        Path warehouse = dir.resolve("warehouse");
        Path tableDir = LakeTables.tableDir(warehouse, LakeQuery.NAMESPACE, "packages");

        produce(topics, 0, 200);
        Process first = startWorker(prefix, warehouse, "first");
        try (LakeTablesReader lake = new LakeTablesReader(warehouse)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> lake.rows("packages").size() == 200);

            produce(topics, 200, 400);
            // data files of the second batch on disk, not yet in a committed snapshot: kill now
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !uncommittedFiles(tableDir).isEmpty());
            first.destroyForcibly(); // SIGKILL: no task stop, no flush, no commit
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int rowsAtKill = lake.rows("packages").size();
            List<Path> orphans = uncommittedFiles(tableDir);

            produce(topics, 400, 500);
            startWorker(prefix, warehouse, "second");
            await().atMost(Duration.ofMinutes(2)).until(() -> lake.rows("packages").size() >= 500);

            List<Record> rows = lake.rows("packages");
            Set<Object> polls = rows.stream().map(r -> r.getField("pollId")).collect(Collectors.toSet());
            assertThat(rows).as("rows after restart (%d at the kill)", rowsAtKill).hasSize(500);
            assertThat(polls).isEqualTo(IntStream.range(0, 500).mapToObj(n -> "poll-" + n).collect(Collectors.toSet()));
            // the killed worker's files are still on disk and still not part of the table
            assertThat(orphans).isNotEmpty();
            assertThat(LakeTables.liveDataFiles(tableDir)).doesNotContainAnyElementsOf(orphans);
            try (LakeQuery query = LakeQuery.open(warehouse, DUCKDB_JAR); Statement sql = query.connection().createStatement()) {
                assertThat(single(sql, "SELECT count(*) FROM packages")).isEqualTo(500L);
                assertThat(single(sql, "SELECT count(DISTINCT pollId) FROM packages")).isEqualTo(500L);
            }
        }
    }

    private static void produce(Topics topics, int from, int to) throws Exception {
        List<PackageSnapshot> snapshots = IntStream.range(from, to).mapToObj(LakeRecords::snapshot).toList();
        LakeSinkIT.produce(topics.packages().name(), topics.packages().valueSerde().serializer(), snapshots,
                PackageSnapshot::getPackageKey);
    }

    private static List<Path> uncommittedFiles(Path tableDir) throws IOException {
        Path data = tableDir.resolve("data");
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        Set<Path> live = new HashSet<>(LakeTables.liveDataFiles(tableDir));
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).filter(f -> !live.contains(f)).toList();
        }
    }

    /** {@code packwatch lake} in its own JVM, so that it can be SIGKILLed. */
    private Process startWorker(String prefix, Path warehouse, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Path.of("target", prefix + "-" + name + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(java.toString(), "-Xmx768m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LakeCommand.class.getName(),
                "--bootstrap-servers", TestInfra.kafka().bootstrapServers(),
                "--schema-registry-url", TestInfra.registry().url(),
                "--topic-prefix", prefix,
                "--warehouse", warehouse.toString(),
                "--commit-interval-seconds", "3",
                "--plugin-path", LakeSinkIT.PLUGIN_PATH.toString(),
                "--work-dir", dir.resolve("connect").toString(),
                "--rest-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        workers.add(process);
        return process;
    }
}
