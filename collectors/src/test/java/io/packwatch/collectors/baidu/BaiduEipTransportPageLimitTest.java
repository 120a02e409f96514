package io.packwatch.collectors.baidu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.packwatch.collectors.vendor.VendorCallException;
import io.packwatch.collectors.vendor.VendorJson;
import io.packwatch.core.topics.RecordLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Baidu list page larger than the collector's page limit is refused while it streams in, with the limit named. */
class BaiduEipTransportPageLimitTest {

    private static final byte[] ITEM = ("{\"id\":\"tp-" + "x".repeat(980) + "\"},").getBytes(StandardCharsets.US_ASCII);

    private HttpServer server;
    private final AtomicLong sent = new AtomicLong();

    @BeforeEach
    void serveAnOversizedPage() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/eiptp", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-bce-request-id", "req-big");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"tpList\":[".getBytes(StandardCharsets.US_ASCII));
                // twice the limit; the client is expected to stop reading (the write then fails, which is fine)
                while (sent.get() < 2L * RecordLimits.VENDOR_PAGE_MAX_BYTES) {
                    out.write(ITEM);
                    sent.addAndGet(ITEM.length);
                }
                out.write("{}],\"isTruncated\":false}".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException clientStoppedReading) {
                // expected
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anOversizedPageIsRefusedNamingTheLimit() {
        BaiduEipTransport transport = new BaiduEipTransport(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.getAddress().getPort(),
                new BceV1Signer("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 1800),
                Duration.ofSeconds(30), Clock.systemUTC());
        assertThatThrownBy(() -> transport.list(null, 1000))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(VendorJson.PAGE_REFUSED);
                    assertThat(e.getMessage()).contains(Integer.toString(RecordLimits.VENDOR_PAGE_MAX_BYTES));
                    assertThat(e.requestId()).isEqualTo("req-big");
                });
    }
}
