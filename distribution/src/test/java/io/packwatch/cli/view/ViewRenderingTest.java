package io.packwatch.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.ForecastMethod;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Severity;
import io.packwatch.schema.Vendor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewRenderingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final Ansi plain = new Ansi(false);

    @Test
    void humanUnits() {
        assertThat(HumanUnits.bytes(536_870_912_000d)).isEqualTo("500.0 GiB");
        assertThat(HumanUnits.bytes(512)).isEqualTo("512 B");
        assertThat(HumanUnits.amount(90, AmountUnit.MINUTES)).isEqualTo("90 min");
        assertThat(HumanUnits.rate(2.5, AmountUnit.HOURS)).isEqualTo("2.5 hours/h");
        assertThat(HumanUnits.rate(1787.0, AmountUnit.HOURS)).isEqualTo("1787 hours/h");
        assertThat(HumanUnits.rate(null, AmountUnit.BYTES)).isEqualTo("-");
        assertThat(HumanUnits.relative(NOW.plus(Duration.ofMinutes(192)), NOW)).isEqualTo("in 3h12m");
        assertThat(HumanUnits.relative(NOW.minus(Duration.ofDays(2)), NOW)).isEqualTo("2d0h ago");
        assertThat(HumanUnits.bar(50, 10)).isEqualTo("#####.....");
        assertThat(HumanUnits.bar(130, 4)).isEqualTo("####");
    }

    @Test
    void tableLineShowsTheFiguresAnOperatorActsOn() {
        List<String> lines = PackageTable.render(List.of(state()), NOW, plain);
        assertThat(lines.get(0)).startsWith("VENDOR").contains("USAGE", "RATE", "DEPLETES", "EXPIRES", "STATUS");
        assertThat(lines.get(1)).contains("tencent-lighthouse", "prod", "lhtfp-o1wtyyvx", "TRAFFIC", "85.0%",
                "1.0 GiB/h", "in 2h00m", "in 1d0h", "ACTIVE").doesNotContain("\u001b[");
    }

    @Test
    void aPackageThatExpiresFirstOrIsNoLongerDrawnDoesNotDeplete() {
        PackageState afterExpiry = PackageState.newBuilder(state()).setProjectedDepletionAt(NOW.plus(Duration.ofDays(2))).build();
        assertThat(PackageTable.line(afterExpiry, NOW, plain)).contains("after expiry").doesNotContain("in 2d0h");
        PackageSnapshot expired = PackageSnapshot.newBuilder(snapshot()).setStatus(PackageStatus.EXPIRED)
                .setExpiresAt(NOW.minus(Duration.ofMinutes(5))).build();
        String line = PackageTable.line(PackageState.newBuilder(state()).setSnapshot(expired).build(), NOW, plain);
        assertThat(line).doesNotContain("in 2h00m").contains("5m00s ago", "EXPIRED");
        assertThat(line.substring(line.indexOf("5m00s ago") - 15, line.indexOf("5m00s ago")).trim()).isEqualTo("-");
    }

    @Test
    void colouredOnlyOnATerminal() {
        assertThat(PackageTable.line(state(), NOW, new Ansi(true))).contains("\u001b[33m");
        assertThat(AlertFeed.line(alert(AlertState.FIRING, Severity.CRITICAL), new Ansi(true), ZoneId.of("UTC"))).contains("\u001b[31m");
    }

    @Test
    void alertLine() {
        assertThat(AlertFeed.line(alert(AlertState.FIRING, Severity.WARNING), plain, ZoneId.of("UTC")))
                .isEqualTo("12:00:00 UTC FIRING   WARNING  USAGE_THRESHOLD 80% lhtfp-o1wtyyvx: 85% used");
        assertThat(AlertFeed.line(alert(AlertState.RESOLVED, Severity.WARNING), plain, ZoneId.of("UTC")))
                .startsWith("12:00:00 UTC RESOLVED");
    }

    static PackageSnapshot snapshot() {
        return PackageSnapshot.newBuilder()
                .setPackageKey("tencent-lighthouse/prod/ap-guangzhou/lhins-1/lhtfp-o1wtyyvx")
                .setVendor(Vendor.TENCENT).setProduct(Product.LIGHTHOUSE).setAccount("prod")
                .setPackageId("lhtfp-o1wtyyvx").setKind(PackageKind.TRAFFIC).setUnit(AmountUnit.BYTES)
                .setCapacity(100L << 30).setUsed(85L << 30).setRemaining(15L << 30)
                .setStatus(PackageStatus.ACTIVE).setDeductPolicy(DeductPolicy.FULL_TIME)
                .setExpiresAt(NOW.plus(Duration.ofDays(1))).setObservedAt(NOW).setPollId("p").build();
    }

    static PackageState state() {
        return PackageState.newBuilder().setPackageKey(snapshot().getPackageKey()).setSnapshot(snapshot())
                .setPercentUsed(85.0).setRateEwmaPerHour((double) (1L << 30)).setRateSlopePerHour(2.0 * (1L << 30))
                .setForecastMethod(ForecastMethod.EWMA).setProjectedDepletionAt(NOW.plus(Duration.ofHours(2)))
                .setUpdatedAt(NOW).build();
    }

    static PackageAlert alert(AlertState state, Severity severity) {
        PackageSnapshot s = snapshot();
        return PackageAlert.newBuilder().setAlertKey(s.getPackageKey() + "#USAGE_THRESHOLD#80").setEventId("e")
                .setType(AlertType.USAGE_THRESHOLD).setBand("80").setSeverity(severity).setState(state)
                .setPackageKey(s.getPackageKey()).setVendor(s.getVendor()).setProduct(s.getProduct())
                .setAccount(s.getAccount()).setPackageId(s.getPackageId()).setKind(s.getKind()).setUnit(s.getUnit())
                .setCapacity(s.getCapacity()).setUsed(s.getUsed()).setRemaining(s.getRemaining()).setPercentUsed(85.0)
                .setMessage(state + " " + severity + " USAGE_THRESHOLD 80% lhtfp-o1wtyyvx: 85% used").setObservedAt(NOW).setDetectedAt(NOW).build();
    }
}
