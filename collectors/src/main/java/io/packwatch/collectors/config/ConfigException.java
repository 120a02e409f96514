package io.packwatch.collectors.config;

import java.util.List;

/** An unusable configuration; each problem names the key ("accounts[0].credentials.keyEnv: ..."). */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid collector configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
