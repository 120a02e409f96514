package io.packwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.PoolMember;
import io.packwatch.schema.PoolState;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** {@code /pools} over a port holding three pools. */
class PoolsResourceTest {

    private static final Instant NOW = Instant.parse("2026-11-02T00:00:00Z");
    private final Map<String, PoolState> pools = new TreeMap<>();
    private final PoolsResource resource = new PoolsResource(new Pools(), new Peers(new HostInfo("pw-1", 23080)));

    PoolsResourceTest() {
        add("baidu-eip/acme/bj/TRAFFIC/FULL_TIME", Vendor.BAIDU, Product.EIP, "acme", DeductPolicy.FULL_TIME);
        add("baidu-eip/acme/bj/TRAFFIC/OFF_PEAK", Vendor.BAIDU, Product.EIP, "acme", DeductPolicy.OFF_PEAK);
        add("tencent-live/other/-/TRAFFIC/FULL_TIME", Vendor.TENCENT, Product.LIVE, "other", DeductPolicy.FULL_TIME);
    }

    private void add(String key, Vendor vendor, Product product, String account, DeductPolicy lane) {
        PoolMember first = PoolMember.newBuilder().setPackageKey(key + "#p1").setPackageId("p1").setStatus(PackageStatus.ACTIVE)
                .setCapacity(100).setUsed(30).setRemaining(70).setProjectedWaste(0).setDrawStartAt(NOW)
                .setDrawEndAt(NOW.plusSeconds(3600)).setObservedAt(NOW).build();
        pools.put(key, PoolState.newBuilder().setPoolKey(key).setVendor(vendor).setProduct(product).setAccount(account)
                .setKind(PackageKind.TRAFFIC).setLane(lane).setUnit(AmountUnit.BYTES)
                .setDrawOrder("earliest expiry first").setMembers(List.of(first)).setCapacity(100).setRemaining(70)
                .setRatePerHour(70d).setOverageStartsAt(NOW.plusSeconds(3600)).setProjectedWaste(0).setConfidence(0.9)
                .setHorizonEndsAt(NOW.plusSeconds(86_400)).setObservedAt(NOW).build());
    }

    private static ApiRequest get(String path, Map<String, String> query, String... params) {
        return new ApiRequest("GET", path, List.of(params), query, false);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ApiResponse r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) r.json()).get("items");
    }

    @Test
    void listsPoolsInKeyOrderPagedByCursorAndFiltered() {
        ApiResponse first = resource.list(get("/pools", Map.of("limit", "2")));
        assertThat(items(first)).extracting(m -> m.get("poolKey"))
                .containsExactly("baidu-eip/acme/bj/TRAFFIC/FULL_TIME", "baidu-eip/acme/bj/TRAFFIC/OFF_PEAK");
        assertThat(((Map<?, ?>) first.json()).get("next")).isEqualTo("baidu-eip/acme/bj/TRAFFIC/OFF_PEAK");
        ApiResponse second = resource.list(get("/pools", Map.of("limit", "2", "after", "baidu-eip/acme/bj/TRAFFIC/OFF_PEAK")));
        assertThat(items(second)).extracting(m -> m.get("poolKey")).containsExactly("tencent-live/other/-/TRAFFIC/FULL_TIME");
        assertThat(((Map<?, ?>) second.json()).get("next")).isNull();

        assertThat(items(resource.list(get("/pools", Map.of("lane", "off_peak"))))).extracting(m -> m.get("poolKey"))
                .containsExactly("baidu-eip/acme/bj/TRAFFIC/OFF_PEAK");
        assertThat(items(resource.list(get("/pools", Map.of("api", "tencent-live", "account", "other"))))).hasSize(1);
        assertThatThrownBy(() -> resource.list(get("/pools", Map.of("lane", "sometimes")))).isInstanceOf(BadParameter.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onePoolHasItsMembersInDrawOrderAndItsProjection() {
        ApiResponse r = resource.one(get("/pools/x", Map.of(), "baidu-eip/acme/bj/TRAFFIC/FULL_TIME"));
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> body = (Map<String, Object>) r.json();
        assertThat(body).containsEntry("servedBy", "pw-1:23080");
        Map<String, Object> state = (Map<String, Object>) body.get("state");
        assertThat(state).containsEntry("overageStartsAt", "2026-11-02T01:00:00Z").containsEntry("lane", "FULL_TIME");
        assertThat((List<Map<String, Object>>) state.get("members")).extracting(m -> m.get("drawEndAt"))
                .containsExactly("2026-11-02T01:00:00Z");
        assertThat(resource.one(get("/pools/x", Map.of(), "nope")).status()).isEqualTo(404);
    }

    /** The port, with only what {@code /pools} reads. */
    private final class Pools implements PackageQueries {
        @Override
        public PoolState pool(String poolKey) {
            return pools.get(poolKey);
        }

        @Override
        public void forEachPool(BiConsumer<String, PoolState> action) {
            // reversed: the resource must not rely on the store's order
            new TreeMap<>(pools).descendingMap().forEach(action);
        }

        @Override
        public PoolState poolOf(PackageSnapshot snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyQueryMetadata ownerOf(String packageKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Collection<HostInfo> instances() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PackageSnapshot latest(String packageKey, int partition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forEachLatest(BiConsumer<String, PackageSnapshot> action) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> details(String packageKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> firingAlerts(Map<String, String> query) {
            throw new UnsupportedOperationException();
        }
    }
}
