package io.packwatch.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundle is complete on a bare worker: its classes link against only the bundle plus what every Connect worker
 * ships (Kafka's jars, Jackson, SLF4J, the codecs of kafka-clients), not against this module's class path.
 */
class PluginBundleIT {

    static final Path BUNDLE = LakeSinkIT.PLUGIN_PATH.resolve("packwatch-iceberg-sink");
    /** Jars of a plain Apache Kafka distribution's libs/ that the sink may rely on. */
    static final List<String> WORKER_JARS = List.of("kafka-clients-", "connect-api-", "connect-runtime-", "connect-json-",
            "connect-transforms-", "jackson-", "slf4j-api-", "zstd-jni-", "lz4-java-", "snappy-java-");

    @Test
    void sinkConverterAndCatalogsLinkWithTheBundleAndAWorkersOwnJarsOnly() throws Exception {
        try (URLClassLoader worker = new URLClassLoader(workerJars(), ClassLoader.getPlatformClassLoader());
             URLClassLoader plugin = new URLClassLoader(bundleJars(), worker)) {
            List<String> linked = new ArrayList<>();
            for (String jar : List.of("iceberg-kafka-connect-1", "apicurio-registry-utils-converter-",
                    "-connect-converter.jar")) {
                linked.addAll(linkEveryClass(plugin, jar));
            }
            assertThat(linked).contains("org.apache.iceberg.connect.IcebergSinkConnector",
                    "io.apicurio.registry.utils.converter.AvroConverter",
                    "io.packwatch.lake.connect.RegistryAvroConverter");
            for (String name : List.of("org.apache.iceberg.hadoop.HadoopCatalog", "org.apache.iceberg.jdbc.JdbcCatalog",
                    "org.apache.iceberg.parquet.Parquet", "org.apache.iceberg.data.parquet.GenericParquetWriter",
                    "org.apache.hadoop.fs.LocalFileSystem", "org.sqlite.JDBC", "org.apache.avro.file.DataFileWriter")) {
                Class.forName(name, true, plugin).getDeclaredMethods();
            }
            // plugin.discovery=service_load finds the converters through the bundle's manifest
            Class<?> converter = Class.forName("org.apache.kafka.connect.storage.Converter", false, worker);
            assertThat(ServiceLoader.load(converter, plugin).stream().map(p -> p.type().getName()))
                    .contains("io.packwatch.lake.connect.RegistryAvroConverter",
                            "io.apicurio.registry.utils.converter.AvroConverter");
            Object connector = Class.forName("org.apache.iceberg.connect.IcebergSinkConnector", true, plugin)
                    .getDeclaredConstructor().newInstance();
            assertThat(connector.getClass().getMethod("version").invoke(connector)).asString().startsWith("1.12.0");
        }
    }

    private static List<String> linkEveryClass(ClassLoader loader, String jarName) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(BUNDLE)) {
            jar = files.filter(f -> f.getFileName().toString().contains(jarName)).findFirst().orElseThrow();
        }
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.contains("module-info"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .forEach(names::add);
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            type.getDeclaredMethods(); // resolves every parameter and return type
            type.getDeclaredFields();
        }
        return names;
    }

    private static URL[] bundleJars() throws Exception {
        try (Stream<Path> files = Files.list(BUNDLE)) {
            List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
            assertThat(jars).noneMatch(j -> j.getFileName().toString().startsWith("kafka-clients"));
            List<URL> urls = new ArrayList<>();
            for (Path jar : jars) {
                urls.add(jar.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }

    private static URL[] workerJars() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (WORKER_JARS.stream().anyMatch(name::startsWith)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
