package io.packwatch.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

    @Test
    void readsConfluentKeyNames() {
        var config = SchemaRegistryConfig.from(Map.of(
                "schema.registry.url", "http://a:8081, http://b:8081/",
                "auto.register.schemas", "false",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:s3cret",
                "http.read.timeout.ms", "2500"));
        assertThat(config.urls()).extracting(Object::toString).containsExactly("http://a:8081", "http://b:8081");
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.basicAuthUserInfo()).contains("alice:s3cret");
        assertThat(config.requestTimeout().toMillis()).isEqualTo(2500);
    }

    @Test
    void urlSourcedCredentialsComeFromTheUrlAndNeverReachMessages() {
        var config = SchemaRegistryConfig.from(Map.of(
                "schema.registry.url", "http://bob:hunter2@registry:8081",
                "basic.auth.credentials.source", "URL"));
        assertThat(config.basicAuthUserInfo()).contains("bob:hunter2");
        assertThat(SchemaRegistryConfig.redact(config.urls().get(0))).isEqualTo("http://***@registry:8081")
                .doesNotContain("hunter2");
    }

    @Test
    void defaultsAreConfluentsAndBlankValuesCountAsUnset() {
        var config = SchemaRegistryConfig.from(Map.of(
                "schema.registry.url", " , http://a:8081,, ",
                "basic.auth.user.info", "",
                "schema.registry.ssl.truststore.location", ""));
        assertThat(config.urls()).extracting(Object::toString).containsExactly("http://a:8081");
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.basicAuthUserInfo()).isEmpty();
        assertThat(config.truststoreLocation()).isEmpty();
        assertThat(config.truststoreType()).isEqualTo("JKS");
        assertThat(config.connectTimeout().toMillis()).isEqualTo(5_000);
        assertThat(config.requestTimeout().toMillis()).isEqualTo(15_000);
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of("schema.registry.url", " , ")))
                .hasMessage("serde config 'schema.registry.url' holds no URL");
    }

    @Test
    void urlSourceWithoutUserInfoMeansNoCredentialsAndSecretsMayBeKafkaPasswords() {
        assertThat(SchemaRegistryConfig.from(Map.of("schema.registry.url", "http://registry:8081",
                "basic.auth.credentials.source", "url")).basicAuthUserInfo()).isEmpty();
        var config = SchemaRegistryConfig.from(Map.of("schema.registry.url", "http://registry:8081",
                "basic.auth.user.info", new Password("carol:pw"),
                "schema.registry.ssl.truststore.password", new Password("changeit")));
        assertThat(config.basicAuthUserInfo()).contains("carol:pw");
        assertThat(config.truststorePassword()).contains("changeit");
    }

    @Test
    void onlyMockUrlsSelectTheInMemoryRegistry() {
        assertThat(SchemaRegistryConfig.isInMemory(Map.of("schema.registry.url", " mock://scope"))).isTrue();
        assertThat(SchemaRegistryConfig.isInMemory(Map.of("schema.registry.url", "http://mock:8081"))).isFalse();
        assertThat(SchemaRegistryConfig.isInMemory(Map.of())).isFalse();
    }

    @Test
    void badConfigNamesTheKey() {
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of()))
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of("schema.registry.url", "ftp://x")))
                .hasMessageContaining("must be http(s)://");
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of("schema.registry.url", "http://x",
                "basic.auth.credentials.source", "SASL_INHERIT"))).hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of("schema.registry.url", "http://x",
                "http.connect.timeout.ms", "-1"))).hasMessageContaining("http.connect.timeout.ms");
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of("schema.registry.url", "http://x",
                "http.read.timeout.ms", "0"))).hasMessageContaining("'http.read.timeout.ms' must be a positive number");
    }

    @Test
    void unreachableRegistryFailsFastWithItsUrl() {
        var client = new HttpSchemaRegistryClient(SchemaRegistryConfig.from(Map.of(
                "schema.registry.url", "http://127.0.0.1:1", "http.connect.timeout.ms", "500")));
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("http://127.0.0.1:1")
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isZero());
    }
}
