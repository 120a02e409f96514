package io.packwatch.core.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that the Avro serde needs. Implemented over HTTP for real
 * registries (Confluent, Apicurio's ccompat API, Karapace) and in memory for TopologyTestDriver tests.
 * Every method throws {@link SchemaRegistryException} with a message fit for a log line (never a credential).
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (idempotent: the same schema gets the same id). */
    int register(String subject, Schema schema);

    /** Looks the schema up under the subject without registering it; fails if the subject does not hold it. */
    int idOf(String subject, Schema schema);

    /** The schema registered with this id. */
    Schema schemaById(int id);

    /** Sets the compatibility level (BACKWARD, BACKWARD_TRANSITIVE, ...) of one subject. */
    void setCompatibility(String subject, String level);

    /** The subjects the registry holds. */
    java.util.List<String> subjects();
}
