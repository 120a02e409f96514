package io.packwatch.streams.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** {@code GET /alerts?state=FIRING}: the active alerts of every instance, merged in alert-key order. */
public final class AlertsResource {
    private final PackageQueries queries;
    private final Peers peers;

    AlertsResource(PackageQueries queries, Peers peers) {
        this.queries = queries;
        this.peers = peers;
    }

    public void register(Router router) {
        router.add("GET", "/alerts/?", this::firing);
    }

    ApiResponse firing(ApiRequest request) throws Exception {
        String state = request.param("state", "FIRING");
        if (!"FIRING".equalsIgnoreCase(state)) {
            throw new BadParameter("state", state, "FIRING (only active alerts are kept; resolved ones are on the alert topics)");
        }
        List<Map<String, Object>> items;
        try {
            items = new ArrayList<>(queries.firingAlerts(request.query()));
        } catch (InvalidStateStoreException e) {
            return ApiResponse.error(503, "alert store not queryable right now (" + e.getClass().getSimpleName() + "); retry");
        }
        Peers.Merged others = peers.others(request, queries.instances());
        if (others.error() != null) {
            return others.error();
        }
        items.addAll(others.items());
        items.sort(Comparator.comparing(m -> (String) m.get("alertKey")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("count", items.size());
        return ApiResponse.ok(body);
    }
}
