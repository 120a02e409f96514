package io.packwatch.cli.local;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.core.topics.Topics;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.scenario.Account;
import io.packwatch.simulators.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The vendor simulators of the local run, and collector configs pointing at them. The simulator's test credentials
 * reach the collectors the way real ones would: through files the config names (owner-only), never inline.
 */
final class SimulatedVendors implements AutoCloseable {

    private final SimulatorServer server;
    private final Path secretsDir;

    private SimulatedVendors(SimulatorServer server, Path secretsDir) {
        this.server = server;
        this.secretsDir = secretsDir;
    }

    static SimulatedVendors start(Scenario scenario, Path dataDir) throws IOException {
        Path secrets = dataDir.resolve("simulator-credentials");
        Files.createDirectories(secrets);
        return new SimulatedVendors(SimulatorServer.start(SimulatorOptions.of(scenario)), secrets);
    }

    SimulatorServer server() {
        return server;
    }

    /** {@link #writeCollectorConfigs}, loaded and validated as the collectors' own loader does. */
    List<CollectorConfig> collectorConfigs(Path dir, String bootstrapServers, int pollSeconds) throws IOException {
        return collectorConfigs(dir, bootstrapServers, pollSeconds, Topics.DEFAULT_PREFIX);
    }

    /** The same, publishing to {@code <topicPrefix>.raw.<api>}: a test run of its own on a shared broker. */
    List<CollectorConfig> collectorConfigs(Path dir, String bootstrapServers, int pollSeconds, String topicPrefix)
            throws IOException {
        ConfigLoader loader = new ConfigLoader();
        List<CollectorConfig> configs = new ArrayList<>();
        for (Path file : writeCollectorConfigs(dir, bootstrapServers, pollSeconds, topicPrefix)) {
            String name = file.getFileName().toString();
            configs.add(loader.load(file, VendorApi.find(name.substring(0, name.length() - ".yaml".length())).orElseThrow()));
        }
        return configs;
    }

    /** One collector config per catalogue API that has simulated packages, written to {@code dir}, polling the simulators every {@code pollSeconds}. */
    List<Path> writeCollectorConfigs(Path dir, String bootstrapServers, int pollSeconds) throws IOException {
        return writeCollectorConfigs(dir, bootstrapServers, pollSeconds, Topics.DEFAULT_PREFIX);
    }

    private List<Path> writeCollectorConfigs(Path dir, String bootstrapServers, int pollSeconds, String topicPrefix)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (VendorApi api : VendorApi.values()) {
            StringBuilder yaml = new StringBuilder()
                    .append("api: ").append(api.id()).append('\n')
                    .append("pollIntervalSeconds: ").append(pollSeconds).append('\n')
                    .append("timeouts: {connectSeconds: 2, readSeconds: 5}\n")
                    .append("shutdownTimeoutSeconds: 5\n");
            if (api.isTencent()) {
                yaml.append("endpoint: http://").append(server.tencentEndpoint()).append('\n');
            } else {
                yaml.append("regionEndpoints: {");
                yaml.append(String.join(", ", server.baiduEndpoints().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()));
                yaml.append("}\n");
            }
            yaml.append("accounts:\n");
            int accounts = 0;
            for (Account account : server.accounts()) {
                if (account.packageCount(api) == 0) {
                    continue;
                }
                Set<String> regions = new LinkedHashSet<>(account.regions(api));
                accounts++;
                Path id = writeSecret(account.id() + ".id", account.keyId());
                Path key = writeSecret(account.id() + ".key", account.secret());
                yaml.append("  - name: ").append(account.id()).append('\n')
                        .append("    credentials: {idFile: '").append(id).append("', keyFile: '").append(key).append("'}\n");
                if (!regions.isEmpty()) { // Tencent Live has no regions
                    yaml.append("    regions: [").append(String.join(", ", regions)).append("]\n");
                }
            }
            if (accounts == 0) {
                continue;
            }
            yaml.append("kafka:\n  topicPrefix: ").append(topicPrefix).append("\n  producer:\n    bootstrap.servers: ").append(bootstrapServers).append('\n')
                    .append("    linger.ms: 20\n");
            Path file = dir.resolve(api.id() + ".yaml");
            Files.writeString(file, yaml);
            files.add(file);
        }
        return files;
    }

    private Path writeSecret(String name, String value) throws IOException {
        Path file = secretsDir.resolve(name);
        Files.writeString(file, value);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on non-POSIX file systems
        }
        return file;
    }

    @Override
    public void close() {
        server.close();
    }
}
