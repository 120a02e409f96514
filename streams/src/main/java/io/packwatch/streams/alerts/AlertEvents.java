package io.packwatch.streams.alerts;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Observation;
import java.time.Instant;
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
                .setProjectedRemainingAtExpiry(projected && f.remainingAtExpiry() >= 0 ? f.remainingAtExpiry() : null)
                .setExpiresAt(s.getExpiresAt())
                .setMessage(message(t, s, f, observedAt))
                .setObservedAt(observedAt)
                .setDetectedAt(detectedAt)
                .build();
    }

    static double percent(PackageSnapshot s) {
        return s.getCapacity() <= 0 ? 0 : 100d * s.getUsed() / s.getCapacity();
    }

    /** e.g. "FIRING WARNING DEPLETION_FORECAST tencent-vpc/acme/ap-guangzhou/tfp-1: runs out 2026-11-24T03:00Z ...". */
    static String message(Transition t, PackageSnapshot s, Forecast f, Instant observedAt) {
        String head = t.state() + " " + t.severity() + " " + t.type() + (t.band() == null ? "" : " " + t.band() + "%")
                + " " + s.getPackageKey() + (s.getName() == null ? "" : " (" + s.getName() + ")") + ": ";
        boolean resolved = t.state() == AlertState.RESOLVED;
        double pct = f == null ? percent(s) : f.percentUsed();
        String usage = String.format(Locale.ROOT, "%.1f%% used, %s left of %s", pct,
                Amounts.format(s.getRemaining(), s.getUnit()), Amounts.format(s.getCapacity(), s.getUnit()));
        String body = switch (t.type()) {
            case USAGE_THRESHOLD -> (resolved ? "back below " + t.band() + "%, " : "crossed " + t.band() + "%, ") + usage;
            case DEPLETION_FORECAST -> resolved ? "no longer projected to run out soon, " + usage
                    : "projected to run out " + (f != null && f.hasDepletion() ? minutes(f.depletionAt()) : "soon")
                    + DepletionBracket.phrase(f, observedAt.toEpochMilli()) + " at " + Amounts.format(f == null ? 0 : f.ratePerHour(), s.getUnit()) + "/h, " + usage;
            case EXHAUSTED -> resolved ? "capacity available again, " + usage : "used up, " + usage;
            case OVERFLOW -> resolved ? "no overflow in the current cycle"
                    : Amounts.format(s.getOverflow(), s.getUnit()) + " billed beyond the quota, " + usage;
            case NETWORK_DISABLED -> resolved ? "network enabled again" : "network disabled by the vendor (status "
                    + s.getVendorStatus() + ")";
            case STALE -> resolved ? "snapshots arriving again" : "no snapshot since " + minutes(observedAt.toEpochMilli());
            case EXPIRING -> resolved ? "no longer expiring with capacity left, " + usage : "expires "
                    + (s.getExpiresAt() == null ? "?" : minutes(s.getExpiresAt().toEpochMilli())) + " with "
                    + Amounts.format(f != null && f.hasProjection() && f.remainingAtExpiry() >= 0 ? f.remainingAtExpiry() : s.getRemaining(), s.getUnit())
                    + " projected unused";
            case EXPIRED_UNUSED -> resolved ? "no longer expired with capacity left" : "expired "
                    + (s.getExpiresAt() == null ? "" : minutes(s.getExpiresAt().toEpochMilli()) + " ")
                    + "with " + Amounts.format(s.getRemaining(), s.getUnit()) + " unused";
            default -> usage;
        };
        return head + body;
    }

    private static String minutes(long epochMillis) {
        if (epochMillis == Observation.NONE) {
            return "?";
        }
        return Instant.ofEpochMilli(epochMillis - Math.floorMod(epochMillis, 60_000L)).toString();
    }
}
