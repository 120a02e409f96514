package io.packwatch.simulators.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Small helpers over com.sun.net.httpserver shared by the vendor handlers. */
public final class Http {
    private Http() { }

    /** Reads at most {@code limit} bytes; returns null when the body is larger. */
    public static byte[] readBody(HttpExchange ex, int limit) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] data = in.readNBytes(limit + 1);
            return data.length > limit ? null : data;
        }
    }

    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    public static void sendGatewayError(HttpExchange ex, int status) throws IOException {
        String text = "<html><body><h1>" + status + " " + reason(status) + "</h1></body></html>";
        send(ex, status, "text/html", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the connection without a single response byte: the client sees the stream end (EOF / reset). */
    public static void dropConnection(HttpExchange ex) {
        ex.close();
    }

    /** Random (not cryptographic) UUIDs: request ids need uniqueness, not unpredictability, and this is hot. */
    public static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    public static void sleep(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Server Error";
        };
    }
}
