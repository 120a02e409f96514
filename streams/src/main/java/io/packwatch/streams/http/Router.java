package io.packwatch.streams.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method + path-regex routing for the HTTP API. Other parts of the app add routes ({@code GET /alerts}) through
 * {@link #add}; earlier routes win. Paths are matched on the raw (still URL-encoded) path so that an encoded
 * {@code %2F} inside a package key stays inside its segment.
 */
public final class Router {
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** @param pathRegex full-match regex on the raw path; its groups become {@link ApiRequest#pathParams()} */
    public Router add(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    /** The handler result for a request, 404/405 when nothing matches. */
    ApiResponse dispatch(String method, String rawPath, java.util.Map<String, String> query, boolean forwarded) throws Exception {
        boolean pathMatched = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(rawPath);
            if (!m.matches()) {
                continue;
            }
            pathMatched = true;
            if (!route.method().equals(method)) {
                continue;
            }
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                params.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
            }
            return route.handler().handle(new ApiRequest(method, rawPath, List.copyOf(params), query, forwarded));
        }
        return pathMatched ? ApiResponse.error(405, "method " + method + " not allowed on " + rawPath)
                : ApiResponse.error(404, "no such resource " + rawPath);
    }
}
