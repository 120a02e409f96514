package io.packwatch.testsupport;

/** A Confluent-compatible schema registry the tests talk to: the child Apicurio process or an external one. */
public interface RegistryEndpoint {

    /** Base URL of the Confluent-compatible API, the value for {@code schema.registry.url}. */
    String url();
}
