package io.packwatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StreamsCommandTest {
    @TempDir
    Path dir;

    @Test
    void invalidConfigExitsTwoBeforeConnectingAnywhere() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "kafka:\n  bootstrap.servers: b:9092\n");
        int code = new CommandLine(new StreamsCommand()).execute("--config", file.toString());
        assertThat(code).isEqualTo(2);
    }

    @Test
    void helpNamesTheConfigOption() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new StreamsCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE").contains("streams");
    }
}
