package io.packwatch.core;

import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of the vendor APIs Packwatch polls: each API is declared here once, and every module derives what it
 * needs from it (the collector's CLI argument, pacing and envelope fields, the simulator's routing and limits, the
 * raw topic, the normalizer's and the alert settings' API id, the raw-envelope JSON Schema's {@code api} enum).
 * The per-API parts of the other modules (lister and transport, simulator handler, normalizer) are chosen by an
 * exhaustive {@code switch} over this enum, so a constant without a part does not compile.
 *
 * <p>The id is the raw topic suffix, the envelope's {@code api} field and the first segment of every package key.
 * Facts are from ../shared/vendor-spec.md (§2-5 and §12 for the calls, §7 for rate limits, §11 for pools).
 */
public enum VendorApi {
    TENCENT_VPC("tencent-vpc", Vendor.TENCENT, Product.VPC, true,
            new Endpoint.TencentAction("vpc", "DescribeTrafficPackages", "2017-03-12"),
            20, 15, KeyShape.REGION_PACKAGE,
            PoolRule.drawn(PoolRule.Scope.ACCOUNT_REGION, PoolRule.TieBreak.EARLIEST_START,
                    PoolRule.Lanes.FULL_TIME_AND_IDLE, null)),
    TENCENT_LIGHTHOUSE("tencent-lighthouse", Vendor.TENCENT, Product.LIGHTHOUSE, true,
            new Endpoint.TencentAction("lighthouse", "DescribeInstancesTrafficPackages", "2020-03-24"),
            10, 8, KeyShape.REGION_INSTANCE_PACKAGE, PoolRule.NONE),
    TENCENT_LIVE("tencent-live", Vendor.TENCENT, Product.LIVE, false,
            new Endpoint.TencentAction("live", "DescribeLivePackageInfo", "2018-08-01"),
            20, 15, KeyShape.PACKAGE,
            PoolRule.drawn(PoolRule.Scope.ACCOUNT, PoolRule.TieBreak.UNDOCUMENTED, PoolRule.Lanes.PER_KIND, null)),
    /** Baidu documents no rate limit; the spec infers 10 req/s, so the default paces a little below it. */
    BAIDU_EIP("baidu-eip", Vendor.BAIDU, Product.EIP, true,
            new Endpoint.BaiduRoute("GET", "/v1/eiptp", "v1"),
            0, 9, KeyShape.REGION_PACKAGE,
            PoolRule.drawn(PoolRule.Scope.ACCOUNT_REGION, PoolRule.TieBreak.EARLIEST_CREATED,
                    PoolRule.Lanes.FULL_TIME_AND_IDLE, PoolRule.IdleWindow.BEIJING_MIDNIGHT_TO_EIGHT)),
    TENCENT_CDN("tencent-cdn", Vendor.TENCENT, Product.CDN, false,
            new Endpoint.TencentAction("cdn", "DescribeTrafficPackages", "2018-06-06"),
            20, 15, KeyShape.PACKAGE,
            PoolRule.drawn(PoolRule.Scope.ACCOUNT_BILLING_REGION, PoolRule.TieBreak.EARLIEST_START, PoolRule.Lanes.ONE, null));

    private final String id;
    private final Vendor vendor;
    private final Product product;
    private final boolean regional;
    private final Endpoint endpoint;
    private final double documentedLimitPerSecond;
    private final double defaultPacingPerSecond;
    private final KeyShape keyShape;
    private final PoolRule poolRule;

    VendorApi(String id, Vendor vendor, Product product, boolean regional, Endpoint endpoint,
              double documentedLimitPerSecond, double defaultPacingPerSecond, KeyShape keyShape, PoolRule poolRule) {
        this.id = id;
        this.vendor = vendor;
        this.product = product;
        this.regional = regional;
        this.endpoint = endpoint;
        this.documentedLimitPerSecond = documentedLimitPerSecond;
        this.defaultPacingPerSecond = defaultPacingPerSecond;
        this.keyShape = keyShape;
        this.poolRule = poolRule;
    }

    public String id() {
        return id;
    }

    /** The snapshot's vendor; {@link #vendorName()} is the envelope's {@code vendor} field. */
    public Vendor vendor() {
        return vendor;
    }

    /** The snapshot's product; {@link #productName()} is the envelope's {@code product} field. */
    public Product product() {
        return product;
    }

    /** {@code tencent}, {@code baidu}. */
    public String vendorName() {
        return vendor.name().toLowerCase(Locale.ROOT);
    }

    /** {@code vpc}, {@code lighthouse}, ...: Tencent's signing service and first host label; Baidu's product. */
    public String productName() {
        return product.name().toLowerCase(Locale.ROOT);
    }

    /** Whether the API is polled per region (Live is not: its region is "" on the wire, null in the envelope). */
    public boolean regional() {
        return regional;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The envelope's {@code action}: the Tencent action, or Baidu's method and path ({@code GET /v1/eiptp}). */
    public String action() {
        return endpoint.action();
    }

    /** The envelope's {@code apiVersion}: Tencent's X-TC-Version, Baidu's URL version. */
    public String apiVersion() {
        return endpoint.version();
    }

    public boolean isTencent() {
        return endpoint instanceof Endpoint.TencentAction;
    }

    /** The vendor's documented limit per account, requests per second; 0 when the vendor documents none. */
    public double documentedLimitPerSecond() {
        return documentedLimitPerSecond;
    }

    /** The collector's default pacing per account, requests per second (below the documented limit). */
    public double defaultPacingPerSecond() {
        return defaultPacingPerSecond;
    }

    public KeyShape keyShape() {
        return keyShape;
    }

    public PoolRule poolRule() {
        return poolRule;
    }

    public static VendorApi fromId(String id) {
        for (VendorApi api : values()) {
            if (api.id.equals(id)) {
                return api;
            }
        }
        throw new IllegalArgumentException("unknown vendor API '" + id + "', expected one of " + Arrays.toString(ids()));
    }

    /** The API with this id, or empty (for callers that report an unknown id their own way). */
    public static Optional<VendorApi> find(String id) {
        return Arrays.stream(values()).filter(api -> api.id.equals(id)).findFirst();
    }

    /** The API that reports packages of this vendor and product. */
    public static VendorApi of(Vendor vendor, Product product) {
        return find(vendor, product).orElseThrow(
                () -> new IllegalArgumentException("no vendor API for " + vendor + "/" + product));
    }

    /** The same, or empty for a vendor or product this build does not know (an UNKNOWN read from a newer writer). */
    public static Optional<VendorApi> find(Vendor vendor, Product product) {
        return Arrays.stream(values()).filter(api -> api.vendor == vendor && api.product == product).findFirst();
    }

    public static String[] ids() {
        return Arrays.stream(values()).map(VendorApi::id).toArray(String[]::new);
    }

    /** The ids, for picocli's {@code completionCandidates} (help text and shell completion). */
    public static final class Ids implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of(ids()).iterator();
        }
    }

    @Override
    public String toString() {
        return id;
    }

    /** How the API is called. */
    public sealed interface Endpoint {
        String action();

        String version();

        /** Tencent Cloud API 3.0: POST / signed with TC3 for {@code service}, host {@code <service>.tencentcloudapi.com}. */
        record TencentAction(String service, String action, String version) implements Endpoint {
        }

        /** Baidu AI Cloud REST route, signed with bce-auth-v1. */
        record BaiduRoute(String method, String path, String version) implements Endpoint {
            @Override
            public String action() {
                return method + " " + path;
            }
        }
    }

    /** The package key after {@code api/account/}: the contract of raw-envelope.schema.json. */
    public enum KeyShape {
        /** {@code api/account/region/packageId}. */
        REGION_PACKAGE,
        /** {@code api/account/region/instanceId/packageId}: packages belong to an instance. */
        REGION_INSTANCE_PACKAGE,
        /** {@code api/account/-/packageId}: the API has no region. */
        PACKAGE
    }
}
