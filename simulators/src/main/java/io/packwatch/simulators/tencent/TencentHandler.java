package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The one Tencent port: POST / with TC3 auth, routed on X-TC-Action (vendor-spec 1). Every answer, errors included,
 * is HTTP 200 with a {"Response":...} envelope, except the HTTP and connection faults.
 */
public final class TencentHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TencentHandler.class);
    private static final String JSON = "application/json";
    private static final int MAX_BODY = 10 * 1024 * 1024;
    /** The signing services of the simulated products: a caller signing for one of them is routed by it. */
    private static final Set<String> PRODUCT_SERVICES = Arrays.stream(VendorApi.values())
            .filter(VendorApi::isTencent).map(VendorApi::productName).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final ServerContext ctx;
    private final Tc3Verifier verifier;
    private final Map<VendorApi, TencentApiHandler> apis = new EnumMap<>(VendorApi.class);
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory json = mapper.getFactory();

    public TencentHandler(ServerContext ctx) {
        this.ctx = ctx;
        this.verifier = new Tc3Verifier(ctx::byKeyId, ctx.authClock());
        for (VendorApi api : VendorApi.values()) {
            TencentApiHandler handler = handler(api, ctx);
            if (handler != null) apis.put(api, handler);
        }
    }

    /**
     * The simulator's per-API part: an exhaustive switch, so a catalogue entry without a handler does not compile.
     * Null for the APIs this port does not serve (Baidu EIP has its own per-region ports, {@code BaiduHandler}).
     */
    static TencentApiHandler handler(VendorApi api, ServerContext ctx) {
        return switch (api) {
            case TENCENT_VPC -> new VpcTrafficPackages(ctx.regions(api));
            case TENCENT_LIGHTHOUSE -> new LighthouseTrafficPackages(ctx.regions(api));
            case TENCENT_LIVE -> new LivePackageInfo();
            case TENCENT_CDN -> new CdnTrafficPackages();
            case BAIDU_EIP -> null;
        };
    }

    /**
     * The API a call is for. One action name can belong to two products (VPC and CDN both have DescribeTrafficPackages):
     * a caller signing for a product's service is routed by the service; one signing for another host (the SDK's
     * loopback endpoint gives service "127") by the version. Null when no served API has the action.
     */
    private VendorApi route(String action, String service, String version) {
        VendorApi byAction = null;
        for (VendorApi api : apis.keySet()) {
            if (!api.action().equals(action)) continue;
            if (PRODUCT_SERVICES.contains(service) ? api.productName().equals(service) : api.apiVersion().equals(version)) return api;
            if (byAction == null) byAction = api;
        }
        return PRODUCT_SERVICES.contains(service) ? null : byAction;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String requestId = Http.requestId();
        VendorApi api = null;
        String accountId = SimStats.UNKNOWN_ACCOUNT;
        try {
            if (!"POST".equals(ex.getRequestMethod())) {
                throw new TencentError("UnsupportedProtocol", "The simulator serves POST requests signed with TC3-HMAC-SHA256 only.");
            }
            byte[] body = Http.readBody(ex, MAX_BODY);
            if (body == null) throw new TencentError("InvalidParameter", "The request body exceeds 10 MB.");
            String action = ex.getRequestHeaders().getFirst("X-TC-Action");
            if (action == null || action.isBlank()) throw new TencentError("MissingParameter", "The request is missing a required parameter `X-TC-Action`.");
            api = route(action, "", ex.getRequestHeaders().getFirst("X-TC-Version")); // for the stats of a failed signature
            Tc3Verifier.Caller caller;
            try {
                caller = verifier.verify(ex.getRequestMethod(), ex.getRequestURI().getRawQuery(), ex.getRequestHeaders()::getFirst, body);
            } catch (TencentError e) {
                if (api != null) ctx.stats().arrive(api, SimStats.UNKNOWN_ACCOUNT, 0);
                throw e;
            }
            Account account = caller.account();
            api = route(action, caller.service(), ex.getRequestHeaders().getFirst("X-TC-Version"));
            if (api == null) {
                throw new TencentError("InvalidAction", "The action `" + action + "` does not exist in service `" + caller.service() + "`.");
            }
            accountId = account.id();
            String version = ex.getRequestHeaders().getFirst("X-TC-Version");
            if (version == null) throw new TencentError("MissingParameter", "The request is missing a required parameter `X-TC-Version`.");
            if (!api.apiVersion().equals(version)) throw new TencentError("NoSuchVersion", "The API version `" + version + "` does not exist for " + action + ".");
            if (!ctx.stats().arrive(api, accountId, ctx.rateLimit(api, account))) {
                throw new TencentError("RequestLimitExceeded", "Your current request times equals to `" + ctx.rateLimit(api, account)
                        + "` in a second, which exceeds the frequency limit `" + ctx.rateLimit(api, account) + "` for a second. Please reduce the frequency of calls.",
                        Outcome.THROTTLED);
            }
            Fault fault = ctx.faults().draw(api, accountId);
            if (fault != null && fault.replacesAnswer()) ctx.stats().outcome(api, accountId, Outcome.FAULT);
            if (fault != null && applyTransportFault(ex, fault, api, requestId)) return;
            JsonNode params;
            try {
                params = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            } catch (IOException e) {
                throw new TencentError("InvalidParameter", "The request body is not valid JSON.");
            }
            String region = ex.getRequestHeaders().getFirst("X-TC-Region");
            TencentCall call = new TencentCall(account, region, params, ctx.simClock().now(), Render.of(fault));
            TencentApiHandler handler = apis.get(api);
            byte[] out = envelope(requestId, g -> handler.respond(call, g));
            if (fault != null && fault.type() == Fault.Type.MALFORMED_JSON) out = Arrays.copyOf(out, out.length / 2);
            ctx.stats().outcome(api, accountId, fault == null || fault.type() == Fault.Type.SLOW ? Outcome.OK : Outcome.FAULT);
            Http.send(ex, 200, JSON, out);
        } catch (TencentError e) {
            if (api != null) ctx.stats().outcome(api, accountId, e.outcome());
            Http.send(ex, 200, JSON, error(requestId, e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("simulator bug answering {}: {}", api, e.toString(), e);
            Http.send(ex, 200, JSON, error(requestId, "InternalError", "Simulator internal error."));
        }
    }

    /** @return true when the fault replaced the answer entirely */
    private boolean applyTransportFault(HttpExchange ex, Fault fault, VendorApi api, String requestId) throws IOException {
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
                Http.send(ex, 200, JSON, error(requestId, "InternalError", "An internal error has occurred. Retry your request."));
                return true;
            }
            case THROTTLE -> {
                Http.send(ex, 200, JSON, error(requestId, "RequestLimitExceeded", "The number of requests exceeds the frequency limit."));
                return true;
            }
            case FIXTURE -> {
                Http.send(ex, 200, JSON, Fixtures.load(api.id() + ".json"));
                return true;
            }
            case ERROR -> {
                Http.send(ex, 200, JSON, error(requestId, fault.code(), "Simulated error " + fault.code() + "."));
                return true;
            }
            default -> { }
        }
        return false;
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] envelope(String requestId, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("Response");
            body.write(g);
            g.writeStringField("RequestId", requestId);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private byte[] error(String requestId, String code, String message) {
        return envelope(requestId, g -> {
            g.writeObjectFieldStart("Error");
            g.writeStringField("Code", code);
            g.writeStringField("Message", message);
            g.writeEndObject();
        });
    }
}
