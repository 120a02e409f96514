package io.packwatch.notifier.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.notifier.Alerts;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertMappingTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private final AlertMapping mapping = new AlertMapping("http://q:8080/", "");

    @Test
    void labelsLeaveOutWhatIsNotSetAndNeverCarryAmounts() {
        PackageAlert live = PackageAlert.newBuilder(Alerts.usage("100001", AlertState.FIRING, Severity.CRITICAL, T))
                .setAlertKey("tencent-live/prod/-/100001#EXHAUSTED").setPackageKey("tencent-live/prod/-/100001")
                .setType(AlertType.EXHAUSTED).setBand(null).setRegion(null).build();
        AmAlert am = mapping.toAlertmanager(live, T, T.plusSeconds(60));
        assertThat(am.labels()).containsOnlyKeys("alertname", "severity", "vendor", "api", "account", "package_id", "package_key");
        assertThat(am.labels()).containsEntry("api", "tencent-live").containsEntry("severity", "critical")
                .containsEntry("alertname", "EXHAUSTED");
        assertThat(am.annotations()).doesNotContainKey("runbook_url");
        assertThat(am.generatorUrl()).isEqualTo("http://q:8080/packages/tencent-live%2Fprod%2F-%2F100001");
    }

    @Test
    void theSameAlertWithNewFiguresHasTheSameIdentity() {
        PackageAlert first = Alerts.usage("tfp-1", AlertState.FIRING, Severity.WARNING, T);
        PackageAlert later = PackageAlert.newBuilder(first).setUsed(95L << 30).setPercentUsed(95.0).setMessage("95%").build();
        assertThat(mapping.toAlertmanager(later, T, T).identity()).isEqualTo(mapping.toAlertmanager(first, T, T).identity());
        assertThat(mapping.toAlertmanager(later, T, T).annotations().get("description")).contains("95.0% used");
    }

    @Test
    void amountsInTheirUnits() {
        assertThat(AlertMapping.amount(1536, AmountUnit.BYTES)).isEqualTo("1.5 KiB");
        assertThat(AlertMapping.amount(12, AmountUnit.HOURS)).isEqualTo("12 h");
        assertThat(AlertMapping.amount(2.5, AmountUnit.MINUTES)).isEqualTo("2.5 min");
    }

    @Test
    void runbookPlaceholdersAreFilledAndEncoded() {
        AlertMapping withRunbook = new AlertMapping("http://q", "https://wiki/{alertname}/{account}?p={package_id}");
        PackageAlert alert = PackageAlert.newBuilder(Alerts.usage("a b", AlertState.FIRING, Severity.WARNING, T)).build();
        assertThat(withRunbook.toAlertmanager(alert, T, T).annotations().get("runbook_url"))
                .isEqualTo("https://wiki/USAGE_THRESHOLD/prod?p=a+b");
    }
}
