package io.packwatch.lake;

import io.packwatch.core.topics.Topics;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test (skipped unless -Dpackwatch.bench=true): rows/s from packwatch.packages into the Iceberg
 * table (worker started on a topic that already holds N snapshots; clock from "connectors running" to "the table's
 * current snapshot counts N rows"), and table bytes (live Parquet files) per million snapshots. Two rounds in one JVM,
 * each on fresh topics and a fresh warehouse: the first cold, the second with the JIT warm.
 * Run: {@code ./mvnw -B -o -pl lake -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=LakeBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dpackwatch.bench=true}
 * Data: a fleet of -Dpackwatch.bench.packages (default 2000) packages polled every 5 minutes, alternating Tencent
 * and Baidu, -Dpackwatch.bench.snapshots in all (default 200000: 100 polls, about 8 hours of observedAt, 2 days x 2
 * vendors of partitions); -Dpackwatch.bench.commit-interval-ms (default 10000).
 */
@ExtendWith(KafkaAndRegistryExtension.class)
@EnabledIfSystemProperty(named = "packwatch.bench", matches = "true")
class LakeBenchmarkIT {

    private static final Logger LOG = LoggerFactory.getLogger(LakeBenchmarkIT.class);

    @TempDir
    Path dir;

    @Test
    void packagesIntoTheLake() throws Exception {
        int snapshots = Integer.getInteger("packwatch.bench.snapshots", 200_000);
        int packages = Integer.getInteger("packwatch.bench.packages", 2_000);
        Duration interval = Duration.ofMillis(Long.getLong("packwatch.bench.commit-interval-ms", 10_000));
        for (String round : List.of("cold", "warm")) {
            String prefix = KafkaTestClients.unique("lake-bench");
            Topics topics = LakeSinkIT.createTopics(prefix);
            long produceStart = System.nanoTime();
            for (int from = 0; from < snapshots; from += 10_000) {
                List<PackageSnapshot> batch = IntStream.range(from, Math.min(snapshots, from + 10_000))
                        .mapToObj(n -> LakeRecords.fleetSnapshot(n, packages)).toList();
                LakeSinkIT.produce(topics.packages().name(), topics.packages().valueSerde().serializer(), batch,
                        PackageSnapshot::getPackageKey);
            }
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
            Path warehouse = dir.resolve(prefix);
            try (LakeWorker worker = LakeWorker.start(LakeSinkIT.settings(prefix, warehouse, interval), Map.of());
                 LakeTablesReader lake = new LakeTablesReader(warehouse)) {
                worker.awaitRunning(Duration.ofMinutes(2));
                long start = System.nanoTime();
                while (committedRows(lake) < snapshots) {
                    Thread.sleep(100); // a benchmark's poll of the table: no condition to wait on in Iceberg
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long bytes = 0;
                List<Path> files = LakeTables.liveDataFiles(LakeTables.tableDir(warehouse, LakeQuery.NAMESPACE, "packages"));
                for (Path file : files) {
                    bytes += Files.size(file);
                }
                LOG.info("BENCH lake {} round: {} snapshots produced in {} s; into the table in {} s = {} rows/s "
                                + "(commit interval {} ms); {} data files, {} bytes = {} MB per million snapshots",
                        round, snapshots, String.format("%.1f", produceSeconds), String.format("%.1f", seconds),
                        String.format("%.0f", snapshots / seconds), interval.toMillis(), files.size(), bytes,
                        String.format("%.1f", bytes * (1_000_000.0 / snapshots) / 1e6));
            }
        }
    }

    private static long committedRows(LakeTablesReader lake) {
        try {
            Table table = lake.table("packages");
            table.refresh();
            Snapshot current = table.currentSnapshot();
            return current == null ? 0 : Long.parseLong(current.summary().get("total-records"));
        } catch (NoSuchTableException notYet) {
            return 0;
        }
    }
}
