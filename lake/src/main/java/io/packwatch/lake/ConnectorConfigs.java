package io.packwatch.lake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three sink connectors, read from deploy/connect/*.json (packaged in this jar). Those files use Connect's
 * {@code ${env:NAME}} config-provider syntax so a distributed worker resolves them from its environment; the
 * in-process worker substitutes the same names from its {@link LakeSettings} instead.
 */
public final class ConnectorConfigs {

    /** Table name (deploy/connect/&lt;table&gt;.json) in creation order. */
    public static final List<String> TABLES = List.of("packages", "package_state", "alerts");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorConfigs() {
    }

    /** Connector name to its resolved config, in {@link #TABLES} order. */
    public static Map<String, Map<String, String>> resolved(LakeSettings settings) {
        Map<String, String> vars = settings.connectorVariables();
        Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
        for (String table : TABLES) {
            Map<String, String> config = new LinkedHashMap<>();
            template(table).forEach((key, value) -> config.put(key, substitute(table, key, value, vars)));
            if (settings.jdbcCatalogUri() == null) {
                config.remove("iceberg.catalog.uri"); // the Hadoop catalog has none; an empty one would read as set
            }
            String name = connectorName(settings.topicPrefix(), table);
            config.put("name", name); // PUT /connectors/NAME/config takes it from the URL; the herder API needs it here
            connectors.put(name, config);
        }
        return connectors;
    }

    public static String connectorName(String topicPrefix, String table) {
        return topicPrefix + "-lake-" + table.replace('_', '-');
    }

    static Map<String, String> template(String table) {
        String resource = "connect/" + table + ".json";
        try (InputStream in = ConnectorConfigs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("connector config " + resource + " is missing from the lake jar");
            }
            return JSON.readValue(in, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connector config " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String substitute(String table, String key, String value, Map<String, String> vars) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = vars.get(matcher.group(1));
            if (replacement == null) {
                throw new IllegalStateException("deploy/connect/" + table + ".json key '" + key + "' uses ${env:"
                        + matcher.group(1) + "}, which the in-process worker does not know");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
