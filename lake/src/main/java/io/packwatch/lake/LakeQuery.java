package io.packwatch.lake;

import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * SQL over the lake with DuckDB: one view per table over the live data files of its current snapshot
 * ({@code read_parquet(..., union_by_name)}, so files written before a schema change read the new columns as null),
 * plus {@code package_state_latest}, the latest state per package.
 *
 * <p>DuckDB's JDBC jar (60+ MB of native libraries) is loaded from a directory (lake/target/query-lib) rather than
 * shaded into the runnable jar.
 */
public final class LakeQuery implements AutoCloseable {

    public static final String NAMESPACE = "packwatch";
    static final String LATEST_STATE_VIEW = """
            CREATE VIEW package_state_latest AS
            SELECT * FROM package_state
            QUALIFY row_number() OVER (PARTITION BY packageKey ORDER BY updatedAt DESC, snapshot.observedAt DESC) = 1""";

    private final URLClassLoader loader;
    private final Connection connection;

    private LakeQuery(URLClassLoader loader, Connection connection) {
        this.loader = loader;
        this.connection = connection;
    }

    /** Opens an in-memory DuckDB with the lake's views; {@code duckdbJar} may be null when DuckDB is on the class path. */
    public static LakeQuery open(Path warehouse, Path duckdbJar) throws IOException, SQLException {
        URLClassLoader loader = new URLClassLoader(duckdbJar == null ? new URL[0] : new URL[] {url(duckdbJar)},
                LakeQuery.class.getClassLoader());
        Driver driver;
        try {
            driver = (Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            loader.close();
            throw new IllegalStateException("DuckDB's JDBC driver is not at " + duckdbJar + " (./mvnw -pl lake -am package "
                    + "puts it in lake/target/query-lib): " + e, e);
        }
        Connection connection = driver.connect("jdbc:duckdb:", new Properties());
        LakeQuery query = new LakeQuery(loader, connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            List<String> tables = new ArrayList<>();
            for (String table : ConnectorConfigs.TABLES) {
                List<Path> files = LakeTables.liveDataFiles(LakeTables.tableDir(warehouse, NAMESPACE, table));
                if (!files.isEmpty()) {
                    statement.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet(" + sqlList(files)
                            + ", union_by_name = true)");
                    tables.add(table);
                }
            }
            if (tables.contains("package_state")) {
                statement.execute(LATEST_STATE_VIEW);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            query.close();
            throw e;
        }
        return query;
    }

    public Connection connection() {
        return connection;
    }

    /** Runs {@code sql} and prints the result as an aligned text table; returns the number of rows. */
    public int print(String sql, PrintStream out) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            int columns = meta.getColumnCount();
            List<String[]> lines = new ArrayList<>();
            String[] header = new String[columns];
            for (int c = 0; c < columns; c++) {
                header[c] = meta.getColumnLabel(c + 1);
            }
            lines.add(header);
            while (rows.next()) {
                String[] line = new String[columns];
                for (int c = 0; c < columns; c++) {
                    line[c] = String.valueOf(rows.getObject(c + 1));
                }
                lines.add(line);
            }
            int[] widths = new int[columns];
            for (String[] line : lines) {
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], line[c].length());
                }
            }
            for (String[] line : lines) {
                StringBuilder text = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    text.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", line[c]));
                }
                out.println(text.toString().stripTrailing());
            }
            out.printf("(%d rows)%n", lines.size() - 1);
            return lines.size() - 1;
        }
    }

    private static String sqlList(List<Path> files) {
        return files.stream().map(f -> "'" + f.toAbsolutePath().toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static URL url(Path jar) throws MalformedURLException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("DuckDB's JDBC jar is not at " + jar
                    + " (./mvnw -pl lake -am package puts it in lake/target/query-lib)");
        }
        return jar.toUri().toURL();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing an in-memory database: nothing to keep
        }
        try {
            loader.close();
        } catch (IOException ignored) {
            // the jar stays on disk either way
        }
    }
}
