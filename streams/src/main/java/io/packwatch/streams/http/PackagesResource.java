package io.packwatch.streams.http;

import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.PoolState;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code GET /packages} and {@code GET /packages/{key}} over the latest snapshots, read through the
 * {@link PackageQueries} port (interactive queries of the state stage's store).
 * A key is answered by the instance that owns its partition (forwarded there via {@code application.server});
 * a listing asks every instance for its local page and merges them in key order.
 *
 * <p>Paging is by key cursor: {@code ?limit=N&after=<last key of the previous page>}; the answer's {@code next} is the
 * cursor of the following page, {@code null} on the last one. Filters: {@code vendor}, {@code product}, {@code status},
 * {@code kind} (enum names, case-insensitive), {@code account} and {@code api} (e.g. {@code tencent-vpc}) exact.
 */
public final class PackagesResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final PackageQueries queries;
    private final Peers peers;

    PackagesResource(PackageQueries queries, Peers peers) {
        this.queries = queries;
        this.peers = peers;
    }

    public void register(Router router) {
        router.add("GET", "/packages/?", this::list);
        router.add("GET", "/packages/(.+)", this::one);
    }

    ApiResponse one(ApiRequest request) throws Exception {
        String key = request.pathParams().get(0);
        KeyQueryMetadata owner = queries.ownerOf(key);
        if (owner == null || owner == KeyQueryMetadata.NOT_AVAILABLE) {
            return ApiResponse.error(503, "store not available yet (starting or rebalancing); retry");
        }
        if (!peers.isSelf(owner.activeHost())) {
            if (request.forwarded()) {
                return ApiResponse.error(503, "ownership of the key is moving (rebalancing); retry");
            }
            try {
                Peers.Answer answer = peers.get(owner.activeHost(), "/packages/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
                return ApiResponse.json(answer.status(), answer.body());
            } catch (java.io.IOException e) {
                return ApiResponse.error(503, "instance " + owner.activeHost() + " owning the key is unreachable; retry");
            }
        }
        PackageSnapshot snapshot;
        try {
            snapshot = queries.latest(key, owner.partition());
        } catch (InvalidStateStoreException e) {
            return ApiResponse.error(503, "store not queryable right now (" + e.getClass().getSimpleName() + "); retry");
        }
        if (snapshot == null) {
            return ApiResponse.error(404, "no package with key " + key);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("servedBy", peers.self().host() + ":" + peers.self().port());
        body.put("snapshot", RecordJson.toMap(snapshot));
        body.putAll(queries.details(key));
        PoolState pool = queries.poolOf(snapshot);
        if (pool != null) {
            body.put("pool", RecordJson.toMap(pool));
        }
        return ApiResponse.ok(body);
    }

    ApiResponse list(ApiRequest request) throws Exception {
        int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String after = request.param("after", null);
        Predicate<PackageSnapshot> filter = filter(request);
        List<Map<String, Object>> items = new ArrayList<>();
        try {
            KeyPages.smallestAfter(queries::forEachLatest, after, limit, filter).forEach(kv -> items.add(RecordJson.toMap(kv.value)));
        } catch (InvalidStateStoreException e) {
            return ApiResponse.error(503, "store not queryable right now (" + e.getClass().getSimpleName() + "); retry");
        }
        Peers.Merged others = peers.others(request, queries.instances());
        if (others.error() != null) {
            return others.error();
        }
        items.addAll(others.items());
        items.sort(Comparator.comparing(m -> (String) m.get("packageKey")));
        return ApiResponse.ok(KeyPages.page(items, limit, "packageKey"));
    }

    /** Unknown filter values are refused (400), not answered with an empty page that looks like "no such packages". */
    private static Predicate<PackageSnapshot> filter(ApiRequest request) {
        Predicate<PackageSnapshot> p = s -> true;
        p = p.and(KeyPages.equalTo(request.enumParam("vendor", Vendor.class), PackageSnapshot::getVendor));
        p = p.and(KeyPages.equalTo(request.enumParam("product", Product.class), PackageSnapshot::getProduct));
        p = p.and(KeyPages.equalTo(request.enumParam("status", PackageStatus.class), PackageSnapshot::getStatus));
        p = p.and(KeyPages.equalTo(request.enumParam("kind", PackageKind.class), PackageSnapshot::getKind));
        return p.and(KeyPages.apiAndAccount(request, PackageSnapshot::getPackageKey, PackageSnapshot::getAccount));
    }

}
