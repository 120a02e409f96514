package io.packwatch.simulators.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The vendor documentation's example responses (../shared/seeds), bundled under /fixtures. */
public final class Fixtures {
    private Fixtures() { }

    public static byte[] load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) throw new IllegalStateException("fixture " + name + " is not bundled");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
