package io.packwatch.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings of a streams app in an integration test: one partition, fast commits, no cache, its own HTTP port. */
public final class AppItSettings {
    private AppItSettings() {
    }

    public static StreamsSettings of(String bootstrap, String registryUrl, String prefix, String applicationId, Path stateDir,
                                     Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.ofEntries(
                Map.entry("bootstrap.servers", bootstrap),
                Map.entry("schema.registry.url", registryUrl),
                Map.entry("application.id", applicationId),
                Map.entry("state.dir", stateDir.toString()),
                Map.entry("commit.interval.ms", "100"),
                Map.entry("statestore.cache.max.bytes", "0"),
                Map.entry("packwatch.topic.prefix", prefix),
                Map.entry("packwatch.topics.partitions", "1"),
                Map.entry("packwatch.http.host", "127.0.0.1"),
                Map.entry("packwatch.http.advertised.host", "127.0.0.1"),
                Map.entry("packwatch.http.port", Integer.toString(freePort()))));
        values.putAll(extra);
        return StreamsSettings.fromMap(values);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
