package io.packwatch.collectors.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.retry.Backoff;
import io.packwatch.collectors.retry.CallOutcomeListener;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.paging.FoundItem;
import io.packwatch.collectors.paging.Lister;
import io.packwatch.collectors.paging.ListingOutcome;
import io.packwatch.collectors.paging.TencentCdnLister;
import io.packwatch.collectors.tencent.TencentErrors;
import io.packwatch.collectors.vendor.Retryability;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.control.Fault;
import io.packwatch.simulators.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDN lister and transport as the collector builds them (SDK call(), TC3, the paced retrying caller) against the
 * simulator: every package in pages of 1000, oldest first, and the CDN throttling code retried.
 */
class TencentCdnListerTest {
    private static final int PACKAGES = 2300;

    @TempDir
    Path dir;

    private static Scenario scenario() {
        StringBuilder y = new StringBuilder("name: cdn-lister\nrateLimits: {tencent-cdn: 0}\naccounts:\n"
                + "  - {id: tc, vendor: tencent, secretId: AKIDcdn, secretKey: cdnKey, cdn: [\n");
        for (int i = 0; i < PACKAGES; i++) {
            y.append("      {id: '").append(5_000_000 + i).append("', capacity: 100GB, created: -").append(PACKAGES - i)
                    .append("m, start: -1d, expire: '+").append(1 + (i * 7) % 300).append("d'},\n");
        }
        return Scenario.parse(y.append("    ]}\n").toString());
    }

    private CollectorConfig config(SimulatorServer sim) throws Exception {
        String yaml = "api: tencent-cdn\nendpoint: http://" + sim.tencentEndpoint() + "\n"
                + "accounts:\n  - name: tc\n    credentials: {idEnv: ID, keyEnv: KEY}\n"
                + "kafka: {producer: {bootstrap.servers: \"x:9092\"}}\n";
        return new ConfigLoader(Map.of("ID", "AKIDcdn", "KEY", "cdnKey")::get)
                .load(Files.writeString(dir.resolve("cdn.yaml"), yaml), VendorApi.TENCENT_CDN);
    }

    private static PacedRetryingCaller caller() {
        return new PacedRetryingCaller(new TokenBucket(1000, () -> 0L, n -> { }), 4,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0), d -> { }, () -> false, CallOutcomeListener.NONE);
    }

    @Test
    void listsEveryPackageInPagesOfAThousandOldestFirst() throws Exception {
        try (SimulatorServer sim = SimulatorServer.start(SimulatorOptions.of(scenario())
                .withFaultPlan(f -> f.next(VendorApi.TENCENT_CDN, 1, Fault.error("UnauthorizedOperation.OperationTooOften"))))) {
            CollectorConfig config = config(sim);
            assertThat(config.requestsPerSecond()).as("catalogue default pacing").isEqualTo(VendorApi.TENCENT_CDN.defaultPacingPerSecond());
            Lister lister = CollectorFactory.targets(config, java.time.Clock.systemUTC()).get(0).lister();
            assertThat(lister).isInstanceOf(TencentCdnLister.class);

            List<String> ids = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            ListingOutcome outcome = lister.list(caller(), (page, items) -> {
                pageSizes.add(items.size());
                for (FoundItem item : items) {
                    ids.add(item.packageId());
                    JsonNode vendorItem = item.item();
                    assertThat(vendorItem.get("Bytes").asLong()).isEqualTo(100_000_000_000L);
                }
            });
            assertThat(outcome.reasons()).isEmpty();
            assertThat(pageSizes).containsExactly(1000, 1000, PACKAGES - 2000);
            assertThat(new HashSet<>(ids)).hasSize(PACKAGES);
            assertThat(ids.get(0)).as("createTimeAsc: the oldest first").isEqualTo("5000000");
            assertThat(ids.get(PACKAGES - 1)).isEqualTo(String.valueOf(5_000_000 + PACKAGES - 1));
            // the scripted throttle was retried, not reported
            assertThat(sim.stats().requests(VendorApi.TENCENT_CDN, "tc")).isEqualTo(4);
        }
    }

    @Test
    void cdnErrorCodesAreClassifiedAsDocumented() {
        assertThat(TencentErrors.classify("UnauthorizedOperation.OperationTooOften")).isEqualTo(Retryability.THROTTLED);
        assertThat(TencentErrors.classify("InternalError.CdnSystemError")).isEqualTo(Retryability.RETRY);
        assertThat(TencentErrors.classify("InternalError.RouteError")).isEqualTo(Retryability.RETRY);
        assertThat(TencentErrors.classify("UnauthorizedOperation.CdnCamUnauthorized")).isEqualTo(Retryability.FATAL);
        assertThat(TencentErrors.classify("ResourceNotFound.CdnUserNotExists")).isEqualTo(Retryability.FATAL);
        assertThat(TencentErrors.classify("InvalidParameter.CdnParamError")).isEqualTo(Retryability.FATAL);
    }
}
