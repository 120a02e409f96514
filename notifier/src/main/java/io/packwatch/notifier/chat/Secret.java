package io.packwatch.notifier.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A robot key or signing secret. It comes from an environment variable or a file (a mounted secret), never from the
 * config text, and it never prints itself: logs, exceptions and health only ever show {@code ****}.
 */
public final class Secret {
    private static final long MAX_FILE_BYTES = 64 * 1024;
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    /** For tests. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** Reads the secret named by {@code envName} or {@code file} (exactly one of them); errors name the source only. */
    public static Secret from(String what, String envName, String file, Map<String, String> env) {
        if ((envName == null) == (file == null)) {
            throw new IllegalArgumentException(what + ": give exactly one of '-env' (variable name) or '-file' (path)");
        }
        String value;
        if (envName != null) {
            value = env.get(envName);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + ": environment variable " + envName + " is not set");
            }
        } else {
            Path path = Path.of(file);
            try {
                if (Files.size(path) > MAX_FILE_BYTES) {
                    throw new IllegalArgumentException(what + ": secret file " + file + " is larger than 64 KiB");
                }
                value = Files.readString(path);
            } catch (IOException e) {
                throw new IllegalArgumentException(what + ": cannot read secret file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + ": secret file " + file + " is empty");
            }
        }
        return new Secret(value.strip());
    }

    @Override
    public String toString() {
        return "****";
    }
}
