package io.packwatch.notifier.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.notifier.app.SettingsFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of {@code ./packwatch chat-bridge}: robots (type, URL, where their secrets are) and one route per
 * Alertmanager receiver name. Secrets are named by environment variable ({@code key-env}) or file
 * ({@code key-file}); a literal secret in the file is refused.
 */
public record BridgeSettings(String host, int port, Duration deliveryTimeout, Map<String, Robot> robots,
                             Map<String, Route> routes) {

    /** Where notifications for one Alertmanager receiver go, and in which language. */
    public record Route(String receiver, List<String> robots, Language language) { }

    private static final Map<String, List<String>> SECRETS = Map.of(
            "wecom", List.of("key"),
            "dingtalk", List.of("access-token", "secret"),
            "feishu", List.of("token", "secret"));

    public static BridgeSettings load(Path file, Map<String, String> env) {
        SettingsFile f = SettingsFile.read(file, "chat-bridge", env);
        JsonNode section = f.section();
        Language defaultLanguage = language(f, "language", f.string("language", "zh"));
        Map<String, Robot> robots = new LinkedHashMap<>();
        JsonNode robotList = section.path("robots");
        if (!robotList.isArray() || robotList.isEmpty()) {
            throw f.error("robots", "must list at least one robot");
        }
        for (int i = 0; i < robotList.size(); i++) {
            Robot robot = robot(f, "robots[" + i + "]", robotList.get(i), env);
            if (robots.put(robot.name(), robot) != null) {
                throw f.error("robots[" + i + "].name", "'" + robot.name() + "' is used twice");
            }
        }
        Map<String, Route> routes = new LinkedHashMap<>();
        JsonNode routeList = section.path("routes");
        if (!routeList.isArray() || routeList.isEmpty()) {
            throw f.error("routes", "must list at least one route (receiver: NAME, robots: [...])");
        }
        for (int i = 0; i < routeList.size(); i++) {
            JsonNode r = routeList.get(i);
            String where = "routes[" + i + "]";
            String receiver = text(f, where + ".receiver", r.path("receiver"));
            List<String> names = new ArrayList<>();
            r.path("robots").forEach(n -> names.add(n.asText()));
            if (names.isEmpty()) {
                throw f.error(where + ".robots", "must name at least one robot");
            }
            for (String name : names) {
                if (!robots.containsKey(name)) {
                    throw f.error(where + ".robots", "names unknown robot '" + name + "'; known: " + robots.keySet());
                }
            }
            Language lang = r.hasNonNull("language") ? language(f, where + ".language", r.get("language").asText()) : defaultLanguage;
            if (routes.put(receiver, new Route(receiver, List.copyOf(names), lang)) != null) {
                throw f.error(where + ".receiver", "'" + receiver + "' has two routes");
            }
        }
        return new BridgeSettings(f.string("listen-host", "0.0.0.0"), f.port("listen-port", 9096),
                Duration.ofSeconds(f.positiveInt("delivery-timeout-seconds", 25)), Map.copyOf(robots), Map.copyOf(routes));
    }

    private static Robot robot(SettingsFile f, String where, JsonNode node, Map<String, String> env) {
        String name = text(f, where + ".name", node.path("name"));
        String type = text(f, where + ".type", node.path("type"));
        List<String> secrets = SECRETS.get(type);
        if (secrets == null) {
            throw f.error(where + ".type", "must be one of " + new java.util.TreeSet<>(SECRETS.keySet()) + ", got '" + type + "'");
        }
        Set<String> allowed = new HashSet<>(List.of("name", "type", "url"));
        for (String s : secrets) {
            if (node.has(s)) {
                throw f.error(where + "." + s, "secrets are never read from the config text: use " + s + "-env "
                        + "(an environment variable name) or " + s + "-file (a file path)");
            }
            allowed.add(s + "-env");
            allowed.add(s + "-file");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw f.error(where + "." + k, "is not a setting of a " + type + " robot; known: " + new java.util.TreeSet<>(allowed));
            }
        });
        URI url = f.httpUrl(where + ".url", text(f, where + ".url", node.path("url")));
        if (url.getRawQuery() != null && url.getRawQuery().matches("(?i).*(key|token|sign)=.*")) {
            throw f.error(where + ".url", "must not carry the key or token in its query: use the -env or -file settings");
        }
        Map<String, Secret> values = new LinkedHashMap<>();
        for (String s : secrets) {
            values.put(s, Secret.from(where + "." + s, textOrNull(node.path(s + "-env")), textOrNull(node.path(s + "-file")), env));
        }
        return switch (type) {
            case "wecom" -> new WeComRobot(name, url, values.get("key"), WeComRobot.defaultLimits());
            case "dingtalk" -> new DingTalkRobot(name, url, values.get("access-token"), values.get("secret"), DingTalkRobot.defaultLimits());
            case "feishu" -> new FeishuRobot(name, url, values.get("token"), values.get("secret"), FeishuRobot.defaultLimits());
            default -> throw new IllegalStateException(type);
        };
    }

    private static Language language(SettingsFile f, String key, String value) {
        try {
            return Language.parse(value);
        } catch (IllegalArgumentException e) {
            throw f.error(key, e.getMessage());
        }
    }

    private static String text(SettingsFile f, String key, JsonNode node) {
        if (!node.isValueNode() || node.asText().isBlank()) {
            throw f.error(key, "is required");
        }
        return node.asText();
    }

    private static String textOrNull(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText() : null;
    }
}
