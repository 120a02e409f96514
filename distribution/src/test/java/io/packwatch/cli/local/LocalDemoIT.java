package io.packwatch.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.cli.PackwatchProcess;
import io.packwatch.core.VendorApi;
import io.packwatch.core.serde.SpecificAvroDeserializer;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Product;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees with {@code ./packwatch local}: the bundled demo, on the real broker, registry, simulators,
 * collectors and streams app, raises its first alert within 2 minutes and every alert type within 5, on every API.
 */
class LocalDemoIT {

    @TempDir
    Path data;

    @Test
    void theDemoRaisesEveryAlertTypeOnEveryVendorApi() throws Exception {
        LocalOptions options = new LocalOptions(data, true, null, null, List.of(), null, PackwatchProcess.freePortPair(), PackwatchProcess.freePort(), 5);
        long start = System.nanoTime();
        Map<AlertType, Long> firstSeenMillis = new EnumMap<>(AlertType.class);
        Set<Product> products = EnumSet.noneOf(Product.class);
        Set<AlertType> expected = EnumSet.complementOf(EnumSet.of(AlertType.UNKNOWN));
        Set<Product> everyApi = EnumSet.noneOf(Product.class);
        Arrays.stream(VendorApi.values()).forEach(api -> everyApi.add(api.product()));
        try (LocalStack stack = LocalStack.start(options, new PrintStream(OutputStream.nullOutputStream()))) {
            var alerts = new SpecificAvroDeserializer<>(PackageAlert.class);
            alerts.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    "bootstrap.servers", stack.bootstrapServers(), "group.id", "local-demo-it",
                    "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                    new StringDeserializer(), alerts)) {
                consumer.subscribe(List.of("packwatch.alerts.depletion", "packwatch.alerts.expiry"));
                long deadline = start + Duration.ofMinutes(5).toNanos();
                while (!(firstSeenMillis.keySet().containsAll(expected) && products.containsAll(everyApi))
                        && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                        firstSeenMillis.putIfAbsent(r.value().getType(), (System.nanoTime() - start) / 1_000_000);
                        products.add(r.value().getProduct());
                    });
                }
            }
        }
        System.out.println("[local demo] first alert of each type, ms after start: " + firstSeenMillis);
        assertThat(firstSeenMillis.keySet()).containsAll(expected);
        assertThat(firstSeenMillis.values().stream().mapToLong(Long::longValue).min().orElseThrow())
                .as("first alert within 2 minutes").isLessThan(Duration.ofMinutes(2).toMillis());
        assertThat(products).as("alerts on every API of the catalogue").isEqualTo(everyApi);
    }
}
