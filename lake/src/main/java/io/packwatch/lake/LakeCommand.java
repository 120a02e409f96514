package io.packwatch.lake;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./packwatch lake}: the Packwatch topics as Apache Iceberg tables, through an in-process Kafka Connect worker. */
@Command(name = "lake", mixinStandardHelpOptions = true, subcommands = LakeCommand.Query.class,
        description = {"Run a Kafka Connect worker (standalone, in this process) with the Apache Iceberg sink: "
                + "packwatch.packages, packwatch.package-state and both alert topics become the tables "
                + "packwatch.packages, packwatch.package_state and packwatch.alerts in a local warehouse.",
                "Ctrl-C stops the worker; a restart continues where the last table commit ended."})
public final class LakeCommand implements Callable<Integer> {

    static final String DEFAULT_DIR = "${sys:packwatch.home:-.}/.packwatch/lake";

    @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = DEFAULT_DIR + "/warehouse",
            description = "Iceberg warehouse directory (Hadoop catalog on the file system; default: ${DEFAULT-VALUE}).")
    Path warehouse;

    @Option(names = "--jdbc-catalog-url", paramLabel = "URL",
            description = "Keep the catalog in this database instead (e.g. jdbc:sqlite:/path/catalog.db); data stays in --warehouse.")
    String jdbcCatalogUrl;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:19092",
            description = "Kafka cluster with the Packwatch topics (default: ${DEFAULT-VALUE}, the local stack's).")
    String bootstrapServers;

    // not picocli-required: that would also demand it from `lake query`
    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Required. Confluent-compatible schema registry URL (Confluent's, or Apicurio's .../apis/ccompat/v7), as for the other commands.")
    String registryUrl;

    @Option(names = "--topic-prefix", defaultValue = "packwatch", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--commit-interval-seconds", defaultValue = "300",
            description = "How often the sink commits to the tables (default: ${DEFAULT-VALUE}).")
    long commitIntervalSeconds;

    @Option(names = "--plugin-path", paramLabel = "DIR", defaultValue = "${sys:packwatch.home:-.}/lake/target/plugins",
            description = "Connect plugin.path holding the Iceberg sink bundle (default: ${DEFAULT-VALUE}).")
    Path pluginPath;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR + "/connect",
            description = "The worker's own files (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--rest-port", defaultValue = "18083", description = "Connect REST API port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(names = "--replication-factor", defaultValue = "1",
            description = "Replication factor of the control and dead-letter topics it creates (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--worker-property", paramLabel = "KEY=VALUE",
            description = "Any Connect worker property (security.protocol, sasl.*, consumer.*, producer.*, admin.* ...); repeatable.")
    Map<String, String> workerProperties = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (registryUrl == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--schema-registry-url=URL'");
        }
        PrintStream out = System.out;
        LakeSettings settings = new LakeSettings(bootstrapServers, registryUrl, topicPrefix,
                LakeSettings.warehouseUri(warehouse), jdbcCatalogUrl, Duration.ofSeconds(commitIntervalSeconds),
                pluginPath.toAbsolutePath().normalize(), workDir.toAbsolutePath().normalize(), restPort, replicationFactor);
        LakeWorker worker = LakeWorker.start(settings, workerProperties);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "packwatch-lake-stop"));
        worker.awaitRunning(Duration.ofMinutes(2));
        printStarted(worker, out);
        stopped.await();
        return 0;
    }

    /** The lines {@code packwatch lake} and {@code packwatch local --lake} print once the connectors run. */
    public static void printStarted(LakeWorker worker, PrintStream out) {
        LakeSettings settings = worker.settings();
        out.printf("lake: Connect worker %s, warehouse %s, commits every %d s%n", worker.restUrl(), settings.warehouse(),
                settings.commitInterval().toSeconds());
        worker.connectors().forEach((name, config) -> out.printf("  %-28s %s -> %s%n", name, config.get("topics"),
                config.get("iceberg.tables")));
        out.printf("  dead letters on %s; query: ./packwatch lake query --warehouse %s \"SELECT ...\"%n",
                settings.deadLetterTopic(), settings.warehouse().getPath());
    }

    /** {@code ./packwatch lake query "SQL"}. */
    @Command(name = "query", mixinStandardHelpOptions = true,
            description = {"Run SQL over the local warehouse with DuckDB. Views: packages, package_state, alerts "
                    + "(the current snapshot of each table) and package_state_latest (one row per package).",
                    "Example: ./packwatch lake query \"SELECT vendor, count(*) FROM packages GROUP BY vendor\""})
    static final class Query implements Callable<Integer> {

        @Parameters(paramLabel = "SQL", description = "The query.")
        String sql;

        @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = DEFAULT_DIR + "/warehouse",
                description = "Iceberg warehouse directory (default: ${DEFAULT-VALUE}).")
        Path warehouse;

        @Option(names = "--duckdb-jar", paramLabel = "JAR",
                defaultValue = "${sys:packwatch.home:-.}/lake/target/query-lib/duckdb_jdbc.jar",
                description = "DuckDB's JDBC jar (default: ${DEFAULT-VALUE}).")
        Path duckdbJar;

        @Override
        public Integer call() throws Exception {
            try (LakeQuery query = LakeQuery.open(warehouse.toAbsolutePath().normalize(), duckdbJar)) {
                query.print(sql, System.out);
            }
            return 0;
        }
    }

    /** Runs the command in its own JVM (tests start the worker as a child process to SIGKILL it). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LakeCommand()).execute(args));
    }
}
