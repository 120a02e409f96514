package io.packwatch.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * The live data files of a table in an Iceberg Hadoop-catalog warehouse on the local file system, read from the table
 * metadata (version hint, metadata JSON, Avro manifest list and manifests).
 *
 * <p>Written by hand rather than with Iceberg's library so that the runnable jar stays without Iceberg and Hadoop
 * (tens of MB; they live in the plugin bundle). It follows the current snapshot only: data files that a crashed
 * worker wrote but never committed, or that a later snapshot removed, are not live and must not be queried (a plain
 * glob over data/ would count them). Delete files are not supported: the Packwatch sinks only append.
 */
public final class LakeTables {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DATA_CONTENT = 0;
    private static final int DELETED_ENTRY = 2;

    private LakeTables() {
    }

    public static Path tableDir(Path warehouse, String namespace, String table) {
        return warehouse.resolve(namespace).resolve(table);
    }

    /** Data files of the current snapshot; empty when the table does not exist yet or has no snapshot. */
    public static List<Path> liveDataFiles(Path tableDir) throws IOException {
        Path metadataDir = tableDir.resolve("metadata");
        Path hint = metadataDir.resolve("version-hint.text");
        if (!Files.exists(hint)) {
            return List.of();
        }
        String version = Files.readString(hint, StandardCharsets.UTF_8).trim();
        JsonNode metadata = JSON.readTree(metadataDir.resolve("v" + version + ".metadata.json").toFile());
        long current = metadata.path("current-snapshot-id").asLong(-1);
        if (current < 0) {
            return List.of();
        }
        for (JsonNode snapshot : metadata.path("snapshots")) {
            if (snapshot.path("snapshot-id").asLong() == current) {
                return dataFiles(local(snapshot.path("manifest-list").asText()));
            }
        }
        throw new IOException("table metadata v" + version + " in " + metadataDir + " names current snapshot "
                + current + " but does not list it");
    }

    private static List<Path> dataFiles(Path manifestList) throws IOException {
        List<Path> files = new ArrayList<>();
        for (GenericRecord manifest : read(manifestList)) {
            Object content = manifest.get("content");
            if (content != null && ((Number) content).intValue() != DATA_CONTENT) {
                throw new IOException("table has delete files (" + manifest.get("manifest_path") + "): not supported");
            }
            for (GenericRecord entry : read(local(manifest.get("manifest_path").toString()))) {
                if (((Number) entry.get("status")).intValue() != DELETED_ENTRY) {
                    files.add(local(((GenericRecord) entry.get("data_file")).get("file_path").toString()));
                }
            }
        }
        return files;
    }

    private static List<GenericRecord> read(Path avroFile) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(avroFile.toFile(), new GenericDatumReader<>())) {
            reader.forEach(records::add);
        }
        return records;
    }

    private static Path local(String location) {
        URI uri = URI.create(location);
        if (uri.getScheme() == null) {
            return Path.of(location);
        }
        if (!"file".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not on the local file system: " + location
                    + " (query remote warehouses with an Iceberg-aware engine, see docs/lake.md)");
        }
        return Path.of(URI.create("file://" + uri.getPath()));
    }
}
