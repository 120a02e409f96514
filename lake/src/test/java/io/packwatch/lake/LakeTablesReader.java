package io.packwatch.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;

/** Reads a warehouse back with Iceberg's own Java API (catalog, current snapshot, generic records). */
final class LakeTablesReader implements AutoCloseable {

    private final HadoopCatalog catalog;

    LakeTablesReader(Path warehouse) {
        catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
    }

    /** Every row of the table's current snapshot; empty while the sink has not created it. */
    List<Record> rows(String table) {
        Table loaded;
        try {
            loaded = table(table);
        } catch (NoSuchTableException notYet) {
            return List.of();
        }
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(loaded).build()) {
            records.forEach(record -> rows.add(record.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    Table table(String table) {
        return catalog.loadTable(TableIdentifier.of(LakeQuery.NAMESPACE, table));
    }

    @Override
    public void close() throws IOException {
        catalog.close();
    }
}
