package io.packwatch.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.streams.StreamsSettings;
import io.packwatch.testsupport.KafkaAndRegistryExtension;
import io.packwatch.testsupport.KafkaTestClients;
import io.packwatch.testsupport.TestInfra;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler {@link StreamsApp} installs is the one the running Kafka Streams client calls: with topic creation off
 * and no source topics, the stream thread dies of {@link MissingSourceTopicException}, the policy (wrapped to record
 * its calls) answers SHUTDOWN_CLIENT and the app stops as failed.
 */
@ExtendWith(KafkaAndRegistryExtension.class)
class UncaughtExceptionPolicyIT {
    @TempDir
    Path stateDir;

    @Test
    void theRunningClientHandsStreamThreadDeathsToThePolicy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StreamsSettings settings = StreamsSettings.fromMap(Map.ofEntries(
                Map.entry("bootstrap.servers", TestInfra.kafka().bootstrapServers()),
                Map.entry("schema.registry.url", TestInfra.registry().url()),
                Map.entry("application.id", KafkaTestClients.unique("pwuh-app")),
                Map.entry("state.dir", stateDir.toString()),
                Map.entry("num.stream.threads", "1"),
                Map.entry("packwatch.topic.prefix", KafkaTestClients.unique("pwuh")),
                Map.entry("packwatch.topics.create", "false"),
                // the pool stage's global store would stop the client first, from the global thread (its topic is
                // missing too), which no stream-thread handler sees: this test is about the stream threads' handler
                Map.entry("packwatch.pools.enabled", "false"),
                Map.entry("packwatch.http.host", "127.0.0.1"),
                Map.entry("packwatch.http.advertised.host", "127.0.0.1"),
                Map.entry("packwatch.http.port", Integer.toString(port))));
        UncaughtExceptionPolicy policy = UncaughtExceptionPolicy.defaults();
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        List<StreamThreadExceptionResponse> answers = new CopyOnWriteArrayList<>();
        try (StreamsApp app = StreamsApp.start(settings, e -> {
            seen.add(e);
            StreamThreadExceptionResponse answer = policy.handle(e);
            answers.add(answer);
            return answer;
        })) {
            assertThat(app.awaitStop(Duration.ofSeconds(90))).as("client stopped").isTrue();
            assertThat(app.awaitStop()).as("stopped because of a fatal error").isTrue();
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.ERROR);
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isInstanceOf(MissingSourceTopicException.class);
        assertThat(answers).containsExactly(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
