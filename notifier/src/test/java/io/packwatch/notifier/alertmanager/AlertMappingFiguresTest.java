package io.packwatch.notifier.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.notifier.Alerts;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Product;
import io.packwatch.schema.Severity;
import io.packwatch.schema.Vendor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The figures an on-call engineer reads in Alertmanager: each optional figure present exactly when the alert has it. */
class AlertMappingFiguresTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private final AlertMapping mapping = new AlertMapping("http://q:8080", "");

    @Test
    void everyFigureOfAFullAlertIsDescribedAndAnnotated() {
        PackageAlert alert = PackageAlert.newBuilder(Alerts.usage("tfp-1", AlertState.FIRING, Severity.WARNING, T))
                .setProjectedRemainingAtExpiry(3L << 30).setResourceId("lhins-7").build();

        AmAlert am = mapping.toAlertmanager(alert, T, T.plusSeconds(300));

        assertThat(am.annotations().get("description")).isEqualTo("91.0% used: 91.0 GiB of 100.0 GiB, 9.0 GiB left, "
                + "rate 2.0 GiB/h, projected to run out at 2026-12-03T14:30:00Z, expires 2027-01-01T00:00:00Z, "
                + "3.0 GiB projected unused at expiry. Package tencent-vpc/prod/ap-guangzhou/tfp-1 (shared traffic tfp-1), "
                + "resource lhins-7, observed 2026-12-03T10:00:00Z.");
        assertThat(am.annotations()).containsEntry("projected_depletion_at", "2026-12-03T14:30:00Z")
                .containsEntry("expires_at", "2027-01-01T00:00:00Z")
                .containsEntry("projected_remaining_at_expiry", "3.0 GiB")
                .containsEntry("summary", alert.getMessage());
        assertThat(am.startsAt()).isEqualTo(T);
        assertThat(am.endsAt()).isEqualTo(T.plusSeconds(300));
        assertThat(am.labels()).containsEntry("band", "90").containsEntry("region", "ap-guangzhou");
    }

    @Test
    void aBareAlertHasNoneOfTheOptionalFiguresButItsOverflow() {
        PackageAlert alert = PackageAlert.newBuilder(Alerts.usage("tfp-2", AlertState.FIRING, Severity.CRITICAL, T))
                .setType(AlertType.OVERFLOW).setBand(null).setUsed(105L << 30).setRemaining(0).setOverflow(5L << 30)
                .setPercentUsed(105.0).setRatePerHour(null).setProjectedDepletionAt(null).setExpiresAt(null)
                .setProjectedRemainingAtExpiry(null).setPackageName(null).setResourceId(null).build();

        AmAlert am = mapping.toAlertmanager(alert, T, T);

        assertThat(am.annotations().get("description")).isEqualTo("105.0% used: 105.0 GiB of 100.0 GiB, 0 B left, "
                + "5.0 GiB beyond the quota. Package tencent-vpc/prod/ap-guangzhou/tfp-2, observed 2026-12-03T10:00:00Z.");
        assertThat(am.annotations()).containsOnlyKeys("summary", "description");
        assertThat(am.labels()).doesNotContainKey("band");
    }

    @Test
    void aKeyNotStartingWithAKnownApiIsNamedByVendorAndProduct() {
        PackageAlert alert = PackageAlert.newBuilder(Alerts.usage("eip-1", AlertState.FIRING, Severity.WARNING, T))
                .setPackageKey("legacy/prod/bj/eip-1").setVendor(Vendor.BAIDU).setProduct(Product.EIP)
                .setUnit(AmountUnit.BYTES).build();

        assertThat(mapping.toAlertmanager(alert, T, T).labels()).containsEntry("api", "baidu-eip")
                .containsEntry("vendor", "baidu");
    }

    /** The pool (PackageAlert v4's poolKey) is identity, like the package key: a label, present only when set. */
    @Test
    void theAlertsPoolIsALabelOnlyWhenItHasOne() {
        String pool = "tencent-vpc/prod/ap-guangzhou/TRAFFIC/full-time";
        PackageAlert inPool = PackageAlert.newBuilder(Alerts.usage("tfp-3", AlertState.FIRING, Severity.WARNING, T))
                .setPoolKey(pool).build();
        PackageAlert alone = PackageAlert.newBuilder(inPool).setPoolKey(null).build();

        assertThat(mapping.toAlertmanager(inPool, T, T).labels()).containsEntry("pool", pool);
        assertThat(mapping.toAlertmanager(alone, T, T).labels()).doesNotContainKey("pool");
        assertThat(mapping.toAlertmanager(PackageAlert.newBuilder(inPool).setPoolKey("").build(), T, T).labels())
                .as("an empty value, which Alertmanager would drop").doesNotContainKey("pool");
    }
}
