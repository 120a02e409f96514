package io.packwatch.core.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serde/registry settings under the key names Confluent's serializers use, so an existing client config works as is.
 */
public record SchemaRegistryConfig(
        List<URI> urls,
        boolean autoRegisterSchemas,
        Optional<String> basicAuthUserInfo,
        Optional<String> truststoreLocation,
        Optional<String> truststorePassword,
        String truststoreType,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final String URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

    public static SchemaRegistryConfig from(Map<String, ?> config) {
        String urlList = string(config, URL)
                .orElseThrow(() -> new IllegalArgumentException("missing required serde config '" + URL + "'"));
        List<URI> urls = Arrays.stream(urlList.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(SchemaRegistryConfig::parseUrl)
                .toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("serde config '" + URL + "' holds no URL");
        }
        String source = string(config, BASIC_AUTH_SOURCE).orElse("USER_INFO").toUpperCase();
        Optional<String> userInfo = switch (source) {
            case "USER_INFO" -> string(config, BASIC_AUTH_USER_INFO).filter(s -> !s.isEmpty());
            case "URL" -> Optional.ofNullable(urls.get(0).getRawUserInfo());
            default -> throw new IllegalArgumentException("serde config '" + BASIC_AUTH_SOURCE + "' is '" + source
                    + "'; supported: USER_INFO, URL");
        };
        return new SchemaRegistryConfig(
                urls,
                Boolean.parseBoolean(string(config, AUTO_REGISTER).orElse("true")),
                userInfo,
                string(config, TRUSTSTORE_LOCATION).filter(s -> !s.isEmpty()),
                string(config, TRUSTSTORE_PASSWORD),
                string(config, TRUSTSTORE_TYPE).orElse("JKS"),
                Duration.ofMillis(positiveLong(config, CONNECT_TIMEOUT_MS, 5_000)),
                Duration.ofMillis(positiveLong(config, READ_TIMEOUT_MS, 15_000)));
    }

    /** True when the URL selects the in-memory registry ({@code mock://scope}). */
    public static boolean isInMemory(Map<String, ?> config) {
        return string(config, URL).map(u -> u.trim().startsWith("mock://")).orElse(false);
    }

    static Optional<String> string(Map<String, ?> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof org.apache.kafka.common.config.types.Password password) {
            return Optional.of(password.value());
        }
        return Optional.of(value.toString());
    }

    private static long positiveLong(Map<String, ?> config, String key, long fallback) {
        Optional<String> raw = string(config, key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get().trim());
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serde config '" + key + "' must be a positive number of ms, got '"
                    + raw.get() + "'");
        }
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serde config '" + URL + "' is not a URL: " + redact(url));
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("serde config '" + URL + "' must be http(s):// or mock://, got "
                    + redact(url));
        }
        return uri;
    }

    /** The URL without user info, for messages: credentials never reach a log line. */
    public static String redact(Object url) {
        return url.toString().replaceAll("//[^/@]*@", "//***@");
    }
}
