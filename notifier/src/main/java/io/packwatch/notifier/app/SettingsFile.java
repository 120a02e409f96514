package io.packwatch.notifier.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A YAML settings file of the notifier module: a {@code kafka:} section passed through to the clients (flattened with
 * dots; {@code PACKWATCH_KAFKA_SASL_JAAS_CONFIG} in the environment sets {@code sasl.jaas.config}) and one section of
 * the command's own settings. Every error names the file and the key.
 */
public final class SettingsFile {
    // a key written twice is an error, not its last value
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final Path file;
    private final String section;
    private final JsonNode own;
    private final JsonNode root;
    private final Map<String, String> env;

    private SettingsFile(Path file, String section, JsonNode root, Map<String, String> env) {
        this.file = file;
        this.section = section;
        this.root = root;
        this.own = root.path(section);
        this.env = env;
    }

    public static SettingsFile read(Path file, String section, Map<String, String> env) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("config file " + file + " is larger than 1 MiB");
            }
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must hold a YAML mapping at the top");
        }
        if (!root.path(section).isObject()) {
            throw new IllegalArgumentException("config file " + file + " has no '" + section + ":' section");
        }
        return new SettingsFile(file, section, root, env);
    }

    /** The root node, for commands whose settings are structured (lists of objects). */
    public JsonNode section() {
        return own;
    }

    public Map<String, String> kafka() {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", root.path("kafka"), out);
        env.forEach((name, value) -> {
            if (name.startsWith("PACKWATCH_KAFKA_")) {
                out.put(name.substring("PACKWATCH_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(v -> items.add(v.asText()));
            out.put(prefix, String.join(",", items));
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    public String string(String key, String fallback) {
        JsonNode v = own.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw error(key, "must be a single value");
        }
        return v.asText();
    }

    public List<String> list(String key) {
        JsonNode v = own.path(key);
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(item -> out.add(item.asText()));
        } else if (v.isValueNode()) {
            for (String part : v.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    public int positiveInt(String key, int fallback) {
        return intIn(key, fallback, 1, Integer.MAX_VALUE, "a positive integer");
    }

    public int port(String key, int fallback) {
        return intIn(key, fallback, 0, 65535, "a port number 0..65535 (0 = any free port)");
    }

    private int intIn(String key, int fallback, int min, int max, String what) {
        String raw = string(key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, "must be " + what + ", got '" + raw + "'");
    }

    public URI httpUrl(String key, String raw) {
        try {
            URI uri = URI.create(raw.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw error(key, "must hold http(s) URLs, got '" + raw.replaceAll("//[^/@]*@", "//***@") + "'");
    }

    public IllegalArgumentException error(String key, String problem) {
        return new IllegalArgumentException("config file " + file + ": " + section + "." + key + " " + problem);
    }
}
