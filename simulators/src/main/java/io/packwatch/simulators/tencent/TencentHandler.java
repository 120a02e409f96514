package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.packwatch.simulators.SimApi;
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
    private static final Set<String> PRODUCT_SERVICES = Set.of("vpc", "lighthouse", "live");

    private final ServerContext ctx;
    private final Tc3Verifier verifier;
    private final Map<SimApi, TencentApiHandler> apis = new EnumMap<>(SimApi.class);
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory json = mapper.getFactory();

    public TencentHandler(ServerContext ctx) {
        this.ctx = ctx;
        this.verifier = new Tc3Verifier(ctx::byKeyId, ctx.authClock());
        apis.put(SimApi.TENCENT_VPC, new VpcTrafficPackages(ctx.regions(SimApi.TENCENT_VPC)));
        apis.put(SimApi.TENCENT_LIGHTHOUSE, new LighthouseTrafficPackages(ctx.regions(SimApi.TENCENT_LIGHTHOUSE)));
        apis.put(SimApi.TENCENT_LIVE, new LivePackageInfo());
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String requestId = Http.requestId();
        SimApi api = null;
        String accountId = SimStats.UNKNOWN_ACCOUNT;
        try {
            if (!"POST".equals(ex.getRequestMethod())) {
                throw new TencentError("UnsupportedProtocol", "The simulator serves POST requests signed with TC3-HMAC-SHA256 only.");
            }
            byte[] body = Http.readBody(ex, MAX_BODY);
            if (body == null) throw new TencentError("InvalidParameter", "The request body exceeds 10 MB.");
            String action = ex.getRequestHeaders().getFirst("X-TC-Action");
            if (action == null || action.isBlank()) throw new TencentError("MissingParameter", "The request is missing a required parameter `X-TC-Action`.");
            api = SimApi.tencentByAction(action);
            Tc3Verifier.Caller caller;
            try {
                caller = verifier.verify(ex.getRequestMethod(), ex.getRequestURI().getRawQuery(), ex.getRequestHeaders()::getFirst, body);
            } catch (TencentError e) {
                if (api != null) ctx.stats().arrive(api, SimStats.UNKNOWN_ACCOUNT, 0);
                throw e;
            }
            Account account = caller.account();
            if (api == null || (PRODUCT_SERVICES.contains(caller.service()) && !caller.service().equals(api.service()))) {
                api = null;
                throw new TencentError("InvalidAction", "The action `" + action + "` does not exist in service `" + caller.service() + "`.");
            }
            accountId = account.id();
            String version = ex.getRequestHeaders().getFirst("X-TC-Version");
            if (version == null) throw new TencentError("MissingParameter", "The request is missing a required parameter `X-TC-Version`.");
            if (!api.version().equals(version)) throw new TencentError("NoSuchVersion", "The API version `" + version + "` does not exist for " + action + ".");
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
    private boolean applyTransportFault(HttpExchange ex, Fault fault, SimApi api, String requestId) throws IOException {
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
