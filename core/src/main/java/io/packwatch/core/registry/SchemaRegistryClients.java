package io.packwatch.core.registry;

import java.util.Map;

/** Picks the registry client a serde config asks for: {@code mock://scope} in memory, else HTTP. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient fromConfig(Map<String, ?> config) {
        if (SchemaRegistryConfig.isInMemory(config)) {
            String url = config.get(SchemaRegistryConfig.URL).toString().trim();
            return InMemorySchemaRegistryClient.forScope(url.substring("mock://".length()));
        }
        return new HttpSchemaRegistryClient(SchemaRegistryConfig.from(config));
    }
}
