package io.packwatch.schema.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.AvroRuntimeException;

/**
 * The build's schema gate, run by the schemas module in {@code process-classes}: every schema in
 * {@code src/main/avro} must be BACKWARD_TRANSITIVE compatible with every released version under
 * {@code history/<Name>/v<N>.avsc} (the new schema reads data written with any released one), every field must carry
 * a doc, and every enum a default symbol (so readers on an older schema survive new symbols). Any violation fails the
 * build with a message that names the schema, the version and Avro's reason.
 *
 * <p>History files are self-contained (nested named types inlined), so each parses alone.
 * {@code CompatibilityGate release <avroDir> <historyDir>} writes the current schemas as the next released version.
 */
public final class CompatibilityGate {

    private CompatibilityGate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("release")) {
            release(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompatibilityGate <avroDir> <historyDir> | release <avroDir> <historyDir>");
        }
        List<String> violations = violations(Path.of(args[0]), Path.of(args[1]));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("schema compatibility gate failed:\n  - " + String.join("\n  - ", violations));
        }
        System.out.println("[schema gate] " + args[0] + ": every schema is BACKWARD_TRANSITIVE compatible with its history");
    }

    /** What is wrong with the schemas in {@code avroDir} against {@code historyDir}; empty when all is well. */
    public static List<String> violations(Path avroDir, Path historyDir) throws IOException {
        List<String> violations = new ArrayList<>();
        Map<String, Schema> current = parseAll(avroDir);
        for (Schema schema : current.values()) {
            lint(schema, schema.getName(), violations, new ArrayList<>());
            Path history = historyDir.resolve(schema.getName());
            List<Path> released = releasedVersions(history);
            if (released.isEmpty()) {
                violations.add(schema.getName() + ": no released version under " + history
                        + " (run the gate's release mode to record v1)");
            }
            for (Path version : released) {
                Schema writer = new Schema.Parser().parse(version.toFile());
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(schema, writer);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    violations.add(schema.getName() + " cannot read data written with released " + version.getFileName()
                            + ": " + result.getResult().getIncompatibilities().stream()
                            .map(i -> i.getType() + " at " + fieldPath(schema, i.getLocation()) + " (" + i.getMessage() + ")")
                            .toList());
                }
            }
        }
        return violations;
    }

    static void release(Path avroDir, Path historyDir) throws IOException {
        for (Schema schema : parseAll(avroDir).values()) {
            Path dir = historyDir.resolve(schema.getName());
            Files.createDirectories(dir);
            List<Path> released = releasedVersions(dir);
            if (!released.isEmpty() && new Schema.Parser().parse(released.get(released.size() - 1).toFile()).equals(schema)) {
                continue;
            }
            Path next = dir.resolve("v" + (released.size() + 1) + ".avsc");
            Files.writeString(next, schema.toString(true) + "\n");
            System.out.println("[schema gate] released " + next);
        }
    }

    /** Parses every .avsc in the folder with one parser, retrying files whose named types come from another file. */
    static Map<String, Schema> parseAll(Path avroDir) throws IOException {
        List<Path> pending;
        try (Stream<Path> files = Files.list(avroDir)) {
            pending = new ArrayList<>(files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
        }
        // A failed parse can leave half-registered names behind, so every attempt starts from a fresh parser fed with
        // the files that parsed so far, in order.
        List<Path> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<Path> retry = new ArrayList<>();
            AvroRuntimeException last = null;
            for (Path file : pending) {
                try {
                    Schema.Parser parser = new Schema.Parser();
                    for (Path done : ordered) {
                        parser.parse(done.toFile());
                    }
                    parser.parse(file.toFile());
                    ordered.add(file);
                } catch (AvroRuntimeException e) {
                    retry.add(file);
                    last = e;
                }
            }
            if (retry.size() == pending.size()) {
                throw new IllegalStateException("cannot parse " + retry + ": " + last.getMessage(), last);
            }
            pending = retry;
        }
        Map<String, Schema> parsed = new LinkedHashMap<>();
        Schema.Parser parser = new Schema.Parser();
        for (Path file : ordered) {
            Schema schema = parser.parse(file.toFile());
            parsed.put(schema.getName(), schema);
        }
        return parsed;
    }

    /** Turns Avro's JSON-pointer location ({@code /fields/20/type}) into field names ({@code percentUsed}). */
    static String fieldPath(Schema reader, String location) {
        StringBuilder path = new StringBuilder();
        Schema current = reader;
        String[] tokens = location.split("/");
        for (int i = 0; i < tokens.length; i++) {
            if ("fields".equals(tokens[i]) && i + 1 < tokens.length && current.getType() == Schema.Type.RECORD) {
                Schema.Field field = current.getFields().get(Integer.parseInt(tokens[++i]));
                path.append(path.length() == 0 ? "" : ".").append(field.name());
                current = field.schema();
            }
        }
        return path.length() == 0 ? location : path + " (" + location + ")";
    }

    private static List<Path> releasedVersions(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted((a, b) -> Integer.compare(versionOf(a), versionOf(b)))
                    .toList();
        }
    }

    private static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    private static void lint(Schema schema, String path, List<String> violations, List<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema.getFullName())) {
                    return;
                }
                seen.add(schema.getFullName());
                for (Schema.Field field : schema.getFields()) {
                    if (field.doc() == null || field.doc().isBlank()) {
                        violations.add(path + "." + field.name() + ": field has no doc");
                    }
                    lint(field.schema(), path + "." + field.name(), violations, seen);
                }
            }
            case ENUM -> {
                if (schema.getEnumDefault() == null) {
                    violations.add(path + ": enum " + schema.getName() + " has no default symbol");
                }
            }
            case UNION -> schema.getTypes().forEach(t -> lint(t, path, violations, seen));
            case ARRAY -> lint(schema.getElementType(), path + "[]", violations, seen);
            case MAP -> lint(schema.getValueType(), path + "{}", violations, seen);
            default -> {
            }
        }
    }
}
