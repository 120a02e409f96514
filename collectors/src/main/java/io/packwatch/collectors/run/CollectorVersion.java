package io.packwatch.collectors.run;

/** The collector's version for envelopes: the jar's Implementation-Version, or the project version in development. */
public final class CollectorVersion {
    private CollectorVersion() { }

    public static String get() {
        String v = CollectorVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
