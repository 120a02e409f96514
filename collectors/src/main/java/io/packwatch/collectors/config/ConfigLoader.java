package io.packwatch.collectors.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.packwatch.core.VendorApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the YAML file and turns binding errors into "key: problem" messages without echoing values. */
public final class ConfigLoader {
    private static final Set<String> INLINE_SECRET_KEYS = Set.of("secretid", "secretkey", "id", "key", "token",
            "accesskey", "accesskeyid", "secretaccesskey", "ak", "sk", "password", "secret");

    // A key written twice would otherwise silently take its last value (a second topicPrefix, a second accounts list).
    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Function<String, String> env;

    public ConfigLoader() {
        this(System::getenv);
    }

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public CollectorConfig load(Path file, VendorApi api) {
        return new ConfigValidator(env).validate(parse(file), api);
    }

    public ConfigFile parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("--config: file not found: " + file));
        } catch (IOException e) {
            throw new ConfigException(List.of("--config: cannot read " + file + ": " + e.getClass().getSimpleName()));
        }
    }

    public ConfigFile parse(String text) {
        try {
            ConfigFile file = yaml.readValue(text, ConfigFile.class);
            if (file == null) {
                throw new ConfigException(List.of("(file): empty configuration"));
            }
            return file;
        } catch (UnrecognizedPropertyException e) {
            String name = e.getPropertyName();
            String where = path(e);
            if (where.contains("credentials") && INLINE_SECRET_KEYS.contains(name.toLowerCase())) {
                throw new ConfigException(List.of(where + ": inline credentials are not accepted;"
                        + " name an environment variable (idEnv/keyEnv/tokenEnv) or a file (idFile/keyFile/tokenFile)"));
            }
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(List.of(where + ": unknown key (known keys here: " + known + ")"));
        } catch (InvalidFormatException e) {
            throw new ConfigException(List.of(path(e) + ": expected " + typeName(e.getTargetType())));
        } catch (MismatchedInputException e) {
            throw new ConfigException(List.of(path(e) + ": expected " + typeName(e.getTargetType())));
        } catch (JacksonException e) {
            // YAML syntax error: the location is useful, the offending text may be a secret, so only line/column.
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            // Jackson's duplicate message names only the key, never its value.
            String what = original.startsWith("Duplicate field ") ? "duplicate key " + original.substring("Duplicate field ".length())
                    : "not valid YAML";
            throw new ConfigException(List.of("(file): " + what + at));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
        }
        return sb.isEmpty() ? "(file)" : sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return type.getSimpleName();
    }
}
