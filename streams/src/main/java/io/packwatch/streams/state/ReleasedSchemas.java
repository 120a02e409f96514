package io.packwatch.streams.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** Released versions of the Avro schemas, as the schemas module ships them ({@code avro/history/<Name>/v<N>.avsc}). */
final class ReleasedSchemas {

    private ReleasedSchemas() {
    }

    static Schema packageAlert(int version) {
        return load("PackageAlert", version);
    }

    private static Schema load(String name, int version) {
        String path = "/avro/history/" + name + "/v" + version + ".avsc";
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("released schema " + path + " is not on the classpath (schemas jar)");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + path, e);
        }
    }
}
