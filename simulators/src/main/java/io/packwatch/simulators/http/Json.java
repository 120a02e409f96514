package io.packwatch.simulators.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;

/** Field writes with pre-encoded names: a 100-item page writes ~1,000 names, and encoding them showed in profiles. */
public final class Json {
    private Json() { }

    public static SerializedString name(String n) { return new SerializedString(n); }

    public static void str(JsonGenerator g, SerializedString f, String v) throws IOException {
        g.writeFieldName(f);
        g.writeString(v);
    }

    public static void num(JsonGenerator g, SerializedString f, long v) throws IOException {
        g.writeFieldName(f);
        g.writeNumber(v);
    }

    public static void nul(JsonGenerator g, SerializedString f) throws IOException {
        g.writeFieldName(f);
        g.writeNull();
    }
}
