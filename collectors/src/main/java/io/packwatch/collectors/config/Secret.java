package io.packwatch.collectors.config;

/** A credential value that never prints itself (toString is masked so it cannot leak into logs by accident). */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
