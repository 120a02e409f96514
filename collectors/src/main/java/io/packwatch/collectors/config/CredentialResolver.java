package io.packwatch.collectors.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Reads secrets from the environment variable or file the config names; problems name the key, never the value. */
final class CredentialResolver {
    private final Function<String, String> env;

    CredentialResolver(Function<String, String> env) {
        this.env = env;
    }

    AccountCredentials resolve(ConfigFile.Credentials c, String key, List<String> problems) {
        if (c == null) {
            problems.add(key + ": missing (give idEnv or idFile, and keyEnv or keyFile)");
            return null;
        }
        Secret id = one(c.idEnv(), c.idFile(), key, "id", true, problems);
        Secret secretKey = one(c.keyEnv(), c.keyFile(), key, "key", true, problems);
        Secret token = one(c.tokenEnv(), c.tokenFile(), key, "token", false, problems);
        return new AccountCredentials(id, secretKey, token);
    }

    private Secret one(String envName, String file, String key, String what, boolean required, List<String> problems) {
        if (envName != null && file != null) {
            problems.add(key + "." + what + "Env/" + what + "File: give only one of them");
            return null;
        }
        if (envName != null) {
            String value = env.apply(envName);
            if (value == null || value.isBlank()) {
                problems.add(key + "." + what + "Env: environment variable " + envName + " is not set or empty");
                return null;
            }
            return new Secret(value.trim());
        }
        if (file != null) {
            Path path = Path.of(file);
            try {
                String value = Files.readString(path).trim();
                if (value.isEmpty()) {
                    problems.add(key + "." + what + "File: file " + file + " is empty");
                    return null;
                }
                return new Secret(value);
            } catch (IOException e) {
                problems.add(key + "." + what + "File: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        if (required) {
            problems.add(key + ": missing " + what + " (give " + what + "Env or " + what + "File)");
        }
        return null;
    }
}
