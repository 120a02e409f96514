package io.packwatch.streams.alerts;

import io.packwatch.core.Amounts;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.forecast.Forecast;

/**
 * Why an alert resolved, told from the snapshot that resolved it: a package that expired, was refunded or deleted,
 * was renewed or topped up reads differently from one whose figures simply moved back below a threshold. Every figure
 * named is also a field of the event (remaining, capacity, percentUsed, expiresAt, projectedDepletionAt, ratePerHour,
 * projectedRemainingAtExpiry).
 */
final class ResolvedReasons {

    private ResolvedReasons() {
    }

    static String of(Transition t, PackageSnapshot s, Forecast f, String usage) {
        if (AlertRules.isGone(s)) {
            return "package " + s.getStatus() + (s.getStatus() == PackageStatus.DELETED
                    ? " (no longer listed by the vendor), " : ", ") + usage;
        }
        return switch (t.type()) {
            case USAGE_THRESHOLD -> "back below " + t.band() + "%, " + usage;
            case DEPLETION_FORECAST -> depletion(s, f, usage);
            case EXHAUSTED -> "capacity available again, " + usage;
            case OVERFLOW -> "no overflow in the current cycle, " + usage;
            case NETWORK_DISABLED -> "network enabled again (status " + s.getStatus() + ")";
            case STALE -> "snapshots arriving again";
            case EXPIRING -> AlertRules.expired(s) ? expired(s)
                    : "no longer expiring soon with capacity left: expires " + AlertEvents.instant(s.getExpiresAt())
                    + " with " + Amounts.format(AlertRules.projectedWaste(s, f), s.getUnit()) + " projected unused, "
                    + usage;
            case EXPIRED_UNUSED -> AlertRules.expired(s) ? "nothing left unused, " + usage
                    : "renewed, now expires " + AlertEvents.instant(s.getExpiresAt()) + ", " + usage;
            default -> usage;
        };
    }

    private static String depletion(PackageSnapshot s, Forecast f, String usage) {
        if (AlertRules.expired(s)) {
            return expired(s);
        }
        if (f == null || !f.hasProjection() || !f.hasDepletion()) {
            return "no longer drawn down, " + usage;
        }
        if (s.getExpiresAt() != null && f.depletionAt() >= s.getExpiresAt().toEpochMilli()) {
            return "expires " + AlertEvents.instant(s.getExpiresAt()) + " before it would run out ("
                    + AlertEvents.instant(f.depletionAt()) + "), " + usage;
        }
        return "no longer projected to run out soon: now " + AlertEvents.instant(f.depletionAt()) + " at "
                + Amounts.rate(f.ratePerHour(), s.getUnit()) + ", " + usage;
    }

    /** An expired package: what it left unused is EXPIRED_UNUSED's alert from now on. */
    private static String expired(PackageSnapshot s) {
        return s.getRemaining() > 0
                ? "expired with " + Amounts.format(s.getRemaining(), s.getUnit()) + " unused; see EXPIRED_UNUSED"
                : "expired, used up";
    }
}
