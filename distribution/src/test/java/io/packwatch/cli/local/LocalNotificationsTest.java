package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.notifier.alertmanager.AlertmanagerChild;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalNotificationsTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheBinaryOnThePathItSaysHowToEnableDeliveryInOneLineAndStartsNothing() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        var started = LocalNotifications.startIfInstalled(dir.resolve("bin").toString(), dir.resolve("am"), "packwatch",
                "127.0.0.1:1", "http://127.0.0.1:1", "http://127.0.0.1:1",
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(started).isEmpty();
        assertThat(progress.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("prometheus-alertmanager is not on the PATH")
                .contains("apt-get install prometheus-alertmanager");
        assertThat(dir.resolve("am")).doesNotExist();
    }

    @Test
    void theBinaryIsFoundInAnyPathEntryThatHoldsAnExecutableOfThatName() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path binary = Files.createFile(bin.resolve("prometheus-alertmanager"));
        String path = dir.resolve("empty") + java.io.File.pathSeparator + bin;

        assertThat(AlertmanagerChild.locate(path)).isEmpty();
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(AlertmanagerChild.locate(path)).contains(binary);
    }
}
