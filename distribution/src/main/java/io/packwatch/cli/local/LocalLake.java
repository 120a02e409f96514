package io.packwatch.cli.local;

import io.packwatch.core.topics.Topics;
import io.packwatch.lake.LakeCommand;
import io.packwatch.lake.LakeSettings;
import io.packwatch.lake.LakeWorker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@code ./packwatch local --lake}: the lake's Connect worker next to the local stack, its data under the data dir. */
public final class LocalLake {

    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(30);
    /** Any free port: the worker's REST URL is printed with the other endpoints. */
    private static final int REST_PORT = 0;

    private LocalLake() {
    }

    public static LakeWorker start(Path dataDir, String bootstrapServers, String registryUrl, PrintStream out) throws Exception {
        Path home = Path.of(System.getProperty("packwatch.home", "."));
        LakeSettings settings = new LakeSettings(bootstrapServers, registryUrl, Topics.DEFAULT_PREFIX,
                LakeSettings.warehouseUri(dataDir.resolve("lake/warehouse")), null, COMMIT_INTERVAL,
                home.resolve("lake/target/plugins").toAbsolutePath().normalize(), dataDir.resolve("lake/connect"),
                REST_PORT, (short) 1);
        LakeWorker worker = LakeWorker.start(settings, Map.of());
        worker.awaitRunning(Duration.ofMinutes(2));
        LakeCommand.printStarted(worker, out);
        return worker;
    }
}
