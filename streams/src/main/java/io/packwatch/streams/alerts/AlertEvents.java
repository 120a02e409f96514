package io.packwatch.streams.alerts;

import io.packwatch.core.AfterLastPackage;
import io.packwatch.core.Amounts;
import io.packwatch.core.PoolRule;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Observation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Builds the {@link PackageAlert} event of a transition, with the figures behind it and a one-line message. */
public final class AlertEvents {

    private AlertEvents() {
    }

    public static PackageAlert build(Transition t, PackageSnapshot s, Forecast f, Instant observedAt, Instant detectedAt) {
        boolean projected = f != null && f.hasProjection();
        return PackageAlert.newBuilder()
                .setAlertKey(t.alertKey())
                .setEventId(t.eventId())
                .setType(t.type())
                .setBand(t.band())
                .setSeverity(t.severity())
                .setState(t.state())
                .setPackageKey(s.getPackageKey())
                .setVendor(s.getVendor())
                .setProduct(s.getProduct())
                .setAccount(s.getAccount())
                .setRegion(s.getRegion())
                .setPackageId(s.getPackageId())
                .setResourceId(s.getResourceId())
                .setPackageName(s.getName())
                .setKind(s.getKind())
                .setUnit(s.getUnit())
                .setCapacity(s.getCapacity())
                .setUsed(s.getUsed())
                .setRemaining(s.getRemaining())
                .setOverflow(s.getOverflow())
                .setPercentUsed(f == null ? percent(s) : f.percentUsed())
                .setRatePerHour(projected ? f.ratePerHour() : null)
                .setProjectedDepletionAt(projected && f.hasDepletion() ? Instant.ofEpochMilli(f.depletionAt()) : null)
                .setProjectedDepletionEarliestAt(projected && f.hasDepletion() ? instantOrNull(f.depletionEarliestAt()) : null)
                .setProjectedDepletionLatestAt(projected && f.hasDepletion() ? instantOrNull(f.depletionLatestAt()) : null)
                .setProjectedRemainingAtExpiry(projectedRemainingAtExpiry(t, s, f))
                .setExpiresAt(s.getExpiresAt())
                .setMessage(message(t, s, f, observedAt))
                .setObservedAt(observedAt)
                .setDetectedAt(detectedAt)
                .build();
    }

    private static Instant instantOrNull(long epochMillis) {
        return epochMillis == Observation.NONE ? null : Instant.ofEpochMilli(epochMillis);
    }

    static double percent(PackageSnapshot s) {
        return s.getCapacity() <= 0 ? 0 : 100d * s.getUsed() / s.getCapacity();
    }

    /** e.g. "FIRING WARNING DEPLETION_FORECAST tencent-vpc/acme/ap-guangzhou/tfp-1: runs out 2026-11-24T03:00:12Z ...". */
    static String message(Transition t, PackageSnapshot s, Forecast f, Instant observedAt) {
        String head = t.state() + " " + t.severity() + " " + t.type() + (t.band() == null ? "" : " " + t.band() + "%")
                + " " + s.getPackageKey() + (s.getName() == null ? "" : " (" + s.getName() + ")") + ": ";
        double pct = f == null ? percent(s) : f.percentUsed();
        String usage = String.format(Locale.ROOT, "%.1f%% used, %s left of %s", pct,
                Amounts.format(s.getRemaining(), s.getUnit()), Amounts.format(s.getCapacity(), s.getUnit()));
        if (t.state() == AlertState.RESOLVED) {
            return head + ResolvedReasons.of(t, s, f, usage);
        }
        String body = switch (t.type()) {
            case USAGE_THRESHOLD -> "crossed " + t.band() + "%, " + usage;
            case DEPLETION_FORECAST -> "projected to run out " + (f != null && f.hasDepletion() ? instant(f.depletionAt()) : "soon")
                    + DepletionBracket.phrase(f, observedAt.toEpochMilli()) + " at " + Amounts.rate(f == null ? 0 : f.ratePerHour(), s.getUnit()) + ", " + usage
                    + afterUsedUpWithoutPool(s);
            case EXHAUSTED -> "used up, " + usage + afterUsedUpWithoutPool(s);
            case OVERFLOW -> Amounts.format(s.getOverflow(), s.getUnit()) + " billed beyond the quota, " + usage;
            case NETWORK_DISABLED -> "network disabled by the vendor (status " + s.getVendorStatus() + ")";
            case STALE -> "no snapshot since " + instant(observedAt.toEpochMilli());
            case EXPIRING -> "expires " + instant(s.getExpiresAt()) + " with "
                    + Amounts.format(AlertRules.projectedWaste(s, f), s.getUnit()) + " projected unused";
            case EXPIRED_UNUSED -> "expired " + (s.getExpiresAt() == null ? "" : instant(s.getExpiresAt()) + " ")
                    + "with " + Amounts.format(s.getRemaining(), s.getUnit()) + " unused";
            default -> usage;
        };
        return head + body;
    }

    /**
     * For a package that stands alone (no pool: Lighthouse), what the vendor does once it is used up, since no pool
     * alert will say it (vendor-spec §11: "the network may be cut"); empty for pooled packages, whose pool's
     * OVERAGE_FORECAST says it.
     */
    static String afterUsedUpWithoutPool(PackageSnapshot s) {
        return VendorApi.find(s.getVendor(), s.getProduct())
                .filter(api -> api.poolRule().scope() == PoolRule.Scope.NONE)
                .map(api -> "; then " + AfterLastPackage.of(api).words()).orElse("");
    }

    /**
     * The amount an EXPIRING message states as projected unused: the forecast's remaining at expiry, or the current
     * remaining without one. Other types carry the forecast's figure where there is one.
     */
    private static Long projectedRemainingAtExpiry(Transition t, PackageSnapshot s, Forecast f) {
        if (t.type() == AlertType.EXPIRING) {
            return AlertRules.projectedWaste(s, f);
        }
        return f != null && f.hasProjection() && f.remainingAtExpiry() >= 0 ? f.remainingAtExpiry() : null;
    }

    /** The instant to the second, in UTC with its zone: "2026-12-03T15:14:26Z"; "?" when unknown. */
    static String instant(Instant instant) {
        return instant == null ? "?" : instant(instant.toEpochMilli());
    }

    static String instant(long epochMillis) {
        if (epochMillis == Observation.NONE) {
            return "?";
        }
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
