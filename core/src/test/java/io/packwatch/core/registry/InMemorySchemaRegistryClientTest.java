package io.packwatch.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mock:// registry the topology tests use behaves like Apicurio: content ids from 1, per-subject membership. */
class InMemorySchemaRegistryClientTest {
    private static final String SCOPE = "in-memory-registry-test";
    private static final Schema A = SchemaBuilder.record("A").fields().requiredInt("a").endRecord();
    private static final Schema B = SchemaBuilder.record("B").fields().requiredInt("b").endRecord();

    @AfterEach
    void drop() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void idsAreContentIdsCountingFromOneAndSharedAcrossSubjects() {
        var registry = InMemorySchemaRegistryClient.forScope(SCOPE);
        assertThat(registry.register("a-value", A)).isEqualTo(1);
        assertThat(registry.register("b-value", B)).isEqualTo(2);
        assertThat(registry.register("other-value", A)).isEqualTo(1);
        assertThat(registry.register("a-value", A)).isEqualTo(1);
        assertThat(registry.schemaById(2)).isEqualTo(B);
        assertThat(registry.subjects()).containsExactlyInAnyOrder("a-value", "b-value", "other-value");
    }

    @Test
    void lookupFindsOnlyWhatWasRegisteredUnderThatSubject() {
        var registry = InMemorySchemaRegistryClient.forScope(SCOPE);
        registry.register("a-value", A);
        assertThat(registry.idOf("a-value", A)).isEqualTo(1);
        assertThatThrownBy(() -> registry.idOf("b-value", A))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("not registered under subject 'b-value'");
        assertThatThrownBy(() -> registry.idOf("a-value", B)).isInstanceOf(SchemaRegistryException.class);
        assertThatThrownBy(() -> registry.schemaById(9)).hasMessageContaining("unknown schema id 9");
    }

    @Test
    void clientsFromConfigPickTheRegistryByUrl() {
        var mock = SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", " mock://" + SCOPE));
        assertThat(mock).isSameAs(InMemorySchemaRegistryClient.forScope(SCOPE));
        assertThat(SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "http://registry:8081")))
                .isInstanceOf(HttpSchemaRegistryClient.class);
    }
}
