package io.packwatch.testsupport;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Kafka broker and the one schema registry of a test JVM, started on first use and shared by every test class,
 * stopped when the JVM ends (JUnit root store, with a shutdown hook as a second line).
 *
 * <p>Set {@value #BOOTSTRAP_ENV} and/or {@value #REGISTRY_ENV} to run the same tests against an external broker
 * and/or registry instead; nothing is started for what is given.
 */
public final class TestInfra {

    public static final String BOOTSTRAP_ENV = "PACKWATCH_TEST_BOOTSTRAP_SERVERS";
    public static final String REGISTRY_ENV = "PACKWATCH_TEST_SCHEMA_REGISTRY_URL";

    private static final Logger LOG = LoggerFactory.getLogger(TestInfra.class);
    private static Started started;

    private TestInfra() {
    }

    public static KafkaEndpoint kafka() {
        return ensureStarted().kafka;
    }

    public static RegistryEndpoint registry() {
        return ensureStarted().registry;
    }

    /** Serde config pointing at the test registry. */
    public static Map<String, String> serdeConfig() {
        return Map.of("schema.registry.url", registry().url());
    }

    static synchronized Started ensureStarted() {
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::stop, "packwatch-test-infra-stop"));
        }
        return started;
    }

    static synchronized void stop() {
        if (started != null) {
            started.close();
            started = null;
        }
    }

    private static Started start() {
        long begin = System.nanoTime();
        Optional<String> externalKafka = env(BOOTSTRAP_ENV);
        Optional<String> externalRegistry = env(REGISTRY_ENV);
        // Both take a few seconds and are independent: start them side by side.
        CompletableFuture<ApicurioRegistry> registry = externalRegistry.isPresent()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> unchecked(ApicurioRegistry::start));
        EmbeddedKafka kafka = null;
        try {
            if (externalKafka.isEmpty()) {
                kafka = EmbeddedKafka.start();
            }
            ApicurioRegistry apicurio = registry.join();
            KafkaEndpoint kafkaEndpoint = externalKafka.<KafkaEndpoint>map(b -> () -> b).orElse(kafka);
            RegistryEndpoint registryEndpoint = externalRegistry.<RegistryEndpoint>map(u -> () -> u).orElse(apicurio);
            LOG.info("test infra ready in {} ms: kafka {} registry {}", (System.nanoTime() - begin) / 1_000_000,
                    kafkaEndpoint.bootstrapServers(), registryEndpoint.url());
            return new Started(kafkaEndpoint, registryEndpoint, kafka, apicurio);
        } catch (Exception e) {
            registry.thenAccept(r -> {
                if (r != null) {
                    r.close();
                }
            });
            closeQuietly(kafka);
            throw new IllegalStateException("cannot start the test Kafka broker / schema registry: " + e.getMessage(), e);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(ThrowingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    record Started(KafkaEndpoint kafka, RegistryEndpoint registry, EmbeddedKafka embeddedKafka,
                   ApicurioRegistry embeddedRegistry) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(embeddedRegistry);
            closeQuietly(embeddedKafka);
        }
    }
}
