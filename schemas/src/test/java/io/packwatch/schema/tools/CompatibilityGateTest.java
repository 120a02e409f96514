package io.packwatch.schema.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate the build runs, exercised on a copy of the real schemas with edits a developer might make. */
class CompatibilityGateTest {

    private static final Path AVRO = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("history");

    @TempDir
    Path work;
    private Path avro;
    private Path history;

    @BeforeEach
    void copyTheRealSchemas() throws IOException {
        avro = copy(AVRO, work.resolve("avro"));
        history = copy(HISTORY, work.resolve("history"));
    }

    @Test
    void theCommittedSchemasPass() throws IOException {
        assertThat(CompatibilityGate.violations(AVRO, HISTORY)).isEmpty();
    }

    @Test
    void addingARequiredFieldWithoutDefaultFailsTheBuild() throws IOException {
        edit("PackageSnapshot.avsc", "{\"name\": \"pollId\",",
                "{\"name\": \"costCenter\", \"type\": \"string\", \"doc\": \"new\"},\n    {\"name\": \"pollId\",");

        assertThat(CompatibilityGate.violations(avro, history)).anySatisfy(v -> assertThat(v)
                .contains("PackageSnapshot cannot read data written with released v1.avsc")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("costCenter"));
        assertThatThrownBy(() -> CompatibilityGate.main(new String[] {avro.toString(), history.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema compatibility gate failed");
    }

    @Test
    void changingAFieldTypeFailsAndNamesTheField() throws IOException {
        edit("PackageAlert.avsc", "{\"name\": \"percentUsed\", \"type\": \"double\"",
                "{\"name\": \"percentUsed\", \"type\": \"string\"");
        assertThat(CompatibilityGate.violations(avro, history)).anySatisfy(v -> assertThat(v)
                .contains("PackageAlert").contains("TYPE_MISMATCH").contains("percentUsed"));
    }

    @Test
    void renamingARequiredFieldFails() throws IOException {
        edit("PackageSnapshot.avsc", "{\"name\": \"account\",", "{\"name\": \"accountName\",");
        assertThat(CompatibilityGate.violations(avro, history)).anySatisfy(v -> assertThat(v)
                .contains("PackageSnapshot").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("accountName"));
    }

    @Test
    void droppingAnEnumSymbolIsReadThroughTheEnumDefault() throws IOException {
        // Why every enum has a default symbol: old data holding a dropped symbol decodes as UNKNOWN instead of failing.
        edit("PackageSnapshot.avsc", "\"NETWORK_DISABLED\", ", "");
        assertThat(CompatibilityGate.violations(avro, history)).isEmpty();
    }

    @Test
    void anOptionalFieldWithADefaultIsAllowed() throws IOException {
        edit("PackageSnapshot.avsc", "{\"name\": \"pollId\",",
                "{\"name\": \"costCenter\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"new\"},\n"
                        + "    {\"name\": \"pollId\",");
        assertThat(CompatibilityGate.violations(avro, history)).isEmpty();
    }

    @Test
    void contractLintRequiresDocsAndEnumDefaults() throws IOException {
        edit("PackageAlert.avsc", ", \"doc\": \"One-line human message.\"", "");
        edit("PackageAlert.avsc", "\"symbols\": [\"FIRING\", \"RESOLVED\", \"UNKNOWN\"], \"default\": \"UNKNOWN\"",
                "\"symbols\": [\"FIRING\", \"RESOLVED\", \"UNKNOWN\"]");
        assertThat(CompatibilityGate.violations(avro, history))
                .anySatisfy(v -> assertThat(v).isEqualTo("PackageAlert.message: field has no doc"))
                .anySatisfy(v -> assertThat(v).contains("enum AlertState has no default symbol"));
    }

    @Test
    void aSchemaWithoutReleasedHistoryIsReported() throws IOException {
        try (var released = Files.list(history.resolve("PackageState"))) {
            for (Path version : released.toList()) {
                Files.delete(version);
            }
        }
        assertThat(CompatibilityGate.violations(avro, history))
                .anySatisfy(v -> assertThat(v).startsWith("PackageState: no released version"));
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = avro.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as("test edit anchor in " + file).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
