package io.packwatch.testsupport;

/** A Kafka cluster the tests talk to: the embedded one or an external one. */
public interface KafkaEndpoint {

    String bootstrapServers();
}
