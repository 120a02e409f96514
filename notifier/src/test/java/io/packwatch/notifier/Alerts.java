package io.packwatch.notifier;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.Product;
import io.packwatch.schema.Severity;
import io.packwatch.schema.Vendor;
import java.time.Instant;

/** Alert records as the streams app writes them, for tests. */
public final class Alerts {
    private Alerts() {
    }

    /** A USAGE_THRESHOLD 90 alert of a Tencent VPC package. */
    public static PackageAlert usage(String packageId, AlertState state, Severity severity, Instant observedAt) {
        String key = "tencent-vpc/prod/ap-guangzhou/" + packageId;
        return PackageAlert.newBuilder().setAlertKey(key + "#USAGE_THRESHOLD#90")
                .setEventId(packageId + "-" + state + "-" + severity + "-" + observedAt.toEpochMilli())
                .setType(AlertType.USAGE_THRESHOLD).setBand("90").setSeverity(severity).setState(state)
                .setPackageKey(key).setVendor(Vendor.TENCENT).setProduct(Product.VPC).setAccount("prod")
                .setRegion("ap-guangzhou").setPackageId(packageId).setPackageName("shared traffic " + packageId)
                .setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(100L << 30).setUsed(91L << 30).setRemaining(9L << 30).setPercentUsed(91.0)
                .setRatePerHour((double) (2L << 30)).setProjectedDepletionAt(observedAt.plusSeconds(4 * 3600 + 1800))
                .setExpiresAt(Instant.parse("2027-01-01T00:00:00Z"))
                .setMessage(state + " crossed 90%, 91.0% used, 9.0 GiB left of 100.0 GiB")
                .setObservedAt(observedAt).setDetectedAt(observedAt).build();
    }
}
