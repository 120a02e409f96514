package io.packwatch.simulators.baidu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.control.Fault;
import io.packwatch.simulators.control.Outcome;
import io.packwatch.simulators.control.ServerContext;
import io.packwatch.simulators.control.SimStats;
import io.packwatch.simulators.http.Fixtures;
import io.packwatch.simulators.http.Http;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baidu EIP TP on one port per region (the JDK HttpClient cannot set Host). A Host of the form
 * {@code eip.<region>.<anything>} wins over the port's region, so product host names with redirected DNS work too.
 */
public final class BaiduHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BaiduHandler.class);
    private static final String JSON = "application/json;charset=UTF-8";
    private static final Pattern HOST_REGION = Pattern.compile("eip\\.([a-z0-9-]+)\\..*");
    private static final Pattern PATH = Pattern.compile("/v(\\d+)/eiptp(?:/([^/]+))?/?");

    private final ServerContext ctx;
    private final String portRegion;
    private final BceVerifier verifier;
    private final EipTpListing listing = new EipTpListing();
    private final JsonFactory json = new JsonFactory();

    public BaiduHandler(ServerContext ctx, String portRegion) {
        this.ctx = ctx;
        this.portRegion = portRegion;
        this.verifier = new BceVerifier(ctx::byKeyId, ctx.authClock());
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String requestId = Http.requestId();
        String accountId = SimStats.UNKNOWN_ACCOUNT;
        boolean counted = false;
        try {
            Http.readBody(ex, 1024 * 1024);
            String path = ex.getRequestURI().getPath();
            Matcher pm = PATH.matcher(path);
            if (!pm.matches()) throw BaiduError.bad(404, "NoSuchKey", "The resource " + path + " does not exist.");
            if (!pm.group(1).equals("1")) throw BaiduError.bad(404, "InvalidVersion", "API version v" + pm.group(1) + " does not exist.");
            if (!"GET".equals(ex.getRequestMethod())) {
                throw BaiduError.bad(405, "MethodNotAllowed", "The simulator serves the read-only GET calls only.");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            counted = true;
            Account account;
            try {
                account = verifier.verify("GET", path, query, headers);
            } catch (BaiduError e) {
                ctx.stats().arrive(VendorApi.BAIDU_EIP, SimStats.UNKNOWN_ACCOUNT, 0);
                throw e;
            }
            accountId = account.id();
            int limit = ctx.rateLimit(VendorApi.BAIDU_EIP, account);
            if (!ctx.stats().arrive(VendorApi.BAIDU_EIP, accountId, limit)) {
                throw new BaiduError(429, "RequestLimitExceeded", "Request rate exceeds the limit of " + limit + " requests per second.", Outcome.THROTTLED);
            }
            String region = region(headers.get("host"));
            String id = pm.group(2);
            Fault fault = ctx.faults().draw(VendorApi.BAIDU_EIP, accountId);
            if (fault != null && fault.replacesAnswer()) ctx.stats().outcome(VendorApi.BAIDU_EIP, accountId, Outcome.FAULT);
            if (fault != null && applyTransportFault(ex, fault, id == null, requestId)) return;
            Render r = Render.of(fault);
            List<io.packwatch.simulators.scenario.SimPackage> all = account.eip(region);
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            try (JsonGenerator g = json.createGenerator(out)) {
                if (id == null) {
                    listing.list(account, region, all, query, ctx.simClock().now(), r, g);
                } else if (!listing.detail(account, region, all, id, ctx.simClock().now(), r, g)) {
                    throw BaiduError.bad(404, "NoSuchObject", "The EIP TP " + id + " does not exist.");
                }
            }
            byte[] body = out.toByteArray();
            if (fault != null && fault.type() == Fault.Type.MALFORMED_JSON) {
                // The documentation's own broken key: "expireTime:" "..." (vendor-spec 9.1).
                body = new String(body, StandardCharsets.UTF_8).replace("\"expireTime\":", "\"expireTime:\" ").getBytes(StandardCharsets.UTF_8);
            }
            ctx.stats().outcome(VendorApi.BAIDU_EIP, accountId, fault == null || fault.type() == Fault.Type.SLOW ? Outcome.OK : Outcome.FAULT);
            ex.getResponseHeaders().set("x-bce-request-id", requestId);
            Http.send(ex, 200, JSON, body);
        } catch (BaiduError e) {
            if (counted) ctx.stats().outcome(VendorApi.BAIDU_EIP, accountId, e.outcome());
            sendError(ex, requestId, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("simulator bug answering baidu-eip: {}", e.toString(), e);
            sendError(ex, requestId, 500, "InternalError", "Simulator internal error.");
        }
    }

    private boolean applyTransportFault(HttpExchange ex, Fault fault, boolean list, String requestId) throws IOException {
        switch (fault.type()) {
            case SLOW -> Http.sleep(fault.delay());
            case HTTP_5XX -> {
                Http.sendGatewayError(ex, fault.status());
                return true;
            }
            case CONNECTION_RESET -> {
                Http.dropConnection(ex);
                return true;
            }
            case INTERNAL_ERROR -> {
                sendError(ex, requestId, 500, "InternalError", "We encountered an internal error. Please try again.");
                return true;
            }
            case THROTTLE -> {
                sendError(ex, requestId, 429, "RequestLimitExceeded", "Request rate exceeds the limit.");
                return true;
            }
            case ERROR -> {
                sendError(ex, requestId, fault.status(), fault.code(), "Simulated error " + fault.code() + ".");
                return true;
            }
            case FIXTURE -> {
                ex.getResponseHeaders().set("x-bce-request-id", "1214cca7-4ad5-451d-9215-71cb844c0a50");
                Http.send(ex, 200, JSON, Fixtures.load(list ? "baidu-eip-list.json" : "baidu-eip-detail.json"));
                return true;
            }
            default -> { }
        }
        return false;
    }

    private String region(String host) {
        if (host != null) {
            Matcher m = HOST_REGION.matcher(host.toLowerCase(Locale.ROOT));
            if (m.matches()) return m.group(1);
        }
        return portRegion;
    }

    private void sendError(HttpExchange ex, String requestId, int status, String code, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeStringField("requestId", requestId);
            g.writeEndObject();
        }
        ex.getResponseHeaders().set("x-bce-request-id", requestId);
        Http.send(ex, status, JSON, out.toByteArray());
    }

    /** Decodes %XX only ('+' stays '+': BCE clients percent-encode everything, vendor-spec 4.5). */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(decode(k), decode(v));
        }
        return out;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw BaiduError.bad(400, "InvalidURI", "The query string has a bad percent escape.");
                }
                b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
