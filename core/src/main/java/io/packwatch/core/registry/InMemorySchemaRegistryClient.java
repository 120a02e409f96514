package io.packwatch.core.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for TopologyTestDriver tests. Instances are shared per scope name so that the
 * serializer and deserializer configured with the same {@code mock://scope} URL see the same registry, as
 * Confluent's mock client does. Ids are content ids, as in Apicurio: the same schema gets the same id in every subject.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> idBySchema = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    public static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
    }

    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = idBySchema.computeIfAbsent(schema, s -> {
            int next = byId.size() + 1;
            byId.put(next, s);
            return next;
        });
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        Integer id = idBySchema.get(schema);
        if (id == null || !versionsBySubject.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaRegistryException("schema " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' (in-memory registry; auto.register.schemas=false)", 404);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("unknown schema id " + id + " (in-memory registry)", 404);
        }
        return schema;
    }

    @Override
    public void setCompatibility(String subject, String level) {
        // The in-memory registry does not check compatibility; the build's compatibility gate does.
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }
}
