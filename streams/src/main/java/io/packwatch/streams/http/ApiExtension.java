package io.packwatch.streams.http;

import io.packwatch.streams.StreamsSettings;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Lets other parts of the app add HTTP routes and package details without editing this package. Implementations are
 * found with {@link java.util.ServiceLoader} (a {@code META-INF/services/io.packwatch.streams.http.ApiExtension} file)
 * when the app starts.
 */
public interface ApiExtension {

    void register(Router router, PackageDetails details, KafkaStreams streams, StreamsSettings settings);
}
