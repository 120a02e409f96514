package io.packwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The broker runs inside the test JVM: its data dir survives a SIGKILL of that JVM, and the next start removes it. */
class KafkaTempDirIT {

    @Test
    void brokerDirOfAKilledJvmIsRemovedByTheNextStart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                KafkaParentMain.class.getName())
                .redirectErrorStream(true)
                .start();
        Path stale;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("DIR "));
            assertThat(line).as("parent JVM announced the broker dir").isNotNull();
            stale = Path.of(line.substring(4));
        } finally {
            parent.destroyForcibly(); // SIGKILL: neither close() nor a shutdown hook runs
            parent.waitFor();
        }
        assertThat(stale.getFileName().toString()).startsWith(EmbeddedKafka.BASE_DIR_PREFIX + parent.pid() + "-");
        assertThat(stale).as("the kit cannot clean up after a SIGKILL of its JVM").isDirectory();

        Path next;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            next = kafka.baseDirectory();
            assertThat(stale).as("the dead owner's broker dir, removed by the next start").doesNotExist();
            assertThat(next).isDirectory();
        }
        assertThat(next).as("close() removes the broker's own dir").doesNotExist();
    }

    /** Runs in the child JVM of the test above: starts a broker, prints its dir, waits to be killed. */
    public static final class KafkaParentMain {
        public static void main(String[] args) throws Exception {
            EmbeddedKafka kafka = EmbeddedKafka.start();
            System.out.println("DIR " + kafka.baseDirectory());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // killed by the test; there is nothing to await here
        }
    }
}
