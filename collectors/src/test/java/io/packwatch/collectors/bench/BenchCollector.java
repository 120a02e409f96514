package io.packwatch.collectors.bench;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.run.CollectorHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Child process of the benchmark in "warm" mode: the same collector as {@code collect <api> --once}, but it runs
 * {@code cycles} cycles back to back so the last one is measured with a warmed-up JVM (each cycle logs its own
 * {@code event=cycle-finished} line; the harness reads the last).
 */
public final class BenchCollector {
    private BenchCollector() { }

    public static void main(String[] args) throws Exception {
        VendorApi api = VendorApi.find(args[0]).orElseThrow();
        CollectorConfig config = new ConfigLoader().load(Path.of(args[1]), api);
        int cycles = Integer.parseInt(args[2]);
        try (CollectorHost host = new CollectorHost(List.of(config), null, "127.0.0.1")) {
            for (int i = 0; i < cycles; i++) {
                host.runOnce();
            }
            host.shutdown(Duration.ofSeconds(20));
        }
    }
}
