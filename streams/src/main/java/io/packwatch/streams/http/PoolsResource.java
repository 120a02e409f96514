package io.packwatch.streams.http;

import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PoolState;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code GET /pools} and {@code GET /pools/{key}}: the pools' states (members in draw order with their projected turns
 * and waste, the rate, the overage instant and its bracket), read through the {@link PackageQueries} port. Every
 * instance holds every pool (a global store read from {@code packwatch.pool-state}), so any instance answers alone.
 * Paging as {@code /packages}: {@code ?limit=N&after=<last key>}; filters {@code vendor}, {@code product},
 * {@code kind}, {@code lane} (enum names, case-insensitive), {@code api} and {@code account} exact.
 */
public final class PoolsResource {

    private final PackageQueries queries;
    private final Peers peers;

    PoolsResource(PackageQueries queries, Peers peers) {
        this.queries = queries;
        this.peers = peers;
    }

    public void register(Router router) {
        router.add("GET", "/pools/?", this::list);
        router.add("GET", "/pools/(.+)", this::one);
    }

    ApiResponse one(ApiRequest request) {
        String key = request.pathParams().get(0);
        PoolState pool;
        try {
            pool = queries.pool(key);
        } catch (InvalidStateStoreException e) {
            return ApiResponse.error(503, "store not queryable right now (" + e.getClass().getSimpleName() + "); retry");
        }
        if (pool == null) {
            return ApiResponse.error(404, "no pool with key " + key);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("servedBy", peers.self().host() + ":" + peers.self().port());
        body.put("state", RecordJson.toMap(pool));
        return ApiResponse.ok(body);
    }

    ApiResponse list(ApiRequest request) {
        int limit = request.intParam("limit", PackagesResource.DEFAULT_LIMIT, 1, PackagesResource.MAX_LIMIT);
        String after = request.param("after", null);
        Predicate<PoolState> filter = filter(request);
        List<Map<String, Object>> items = new ArrayList<>();
        try {
            KeyPages.smallestAfter(queries::forEachPool, after, limit, filter)
                    .forEach(kv -> items.add(RecordJson.toMap(kv.value)));
        } catch (InvalidStateStoreException e) {
            return ApiResponse.error(503, "store not queryable right now (" + e.getClass().getSimpleName() + "); retry");
        }
        return ApiResponse.ok(KeyPages.page(items, limit, "poolKey"));
    }

    /** Unknown filter values are refused (400), as on {@code /packages}. */
    private static Predicate<PoolState> filter(ApiRequest request) {
        Predicate<PoolState> p = s -> true;
        p = p.and(KeyPages.equalTo(request.enumParam("vendor", Vendor.class), PoolState::getVendor));
        p = p.and(KeyPages.equalTo(request.enumParam("product", Product.class), PoolState::getProduct));
        p = p.and(KeyPages.equalTo(request.enumParam("kind", PackageKind.class), PoolState::getKind));
        p = p.and(KeyPages.equalTo(request.enumParam("lane", DeductPolicy.class), PoolState::getLane));
        return p.and(KeyPages.apiAndAccount(request, PoolState::getPoolKey, PoolState::getAccount));
    }
}
