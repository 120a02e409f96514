package io.packwatch.streams.alerts;

import io.packwatch.core.AfterLastPackage;
import io.packwatch.core.Amounts;
import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PoolMember;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.forecast.Observation;
import java.time.Instant;
import java.util.Locale;

/**
 * The {@link PackageAlert} events of the pool alerts: OVERAGE_FORECAST, whose subject is the pool (packageKey and
 * packageId are the pool key, the amounts are the pool's), and POOL_WASTE_FORECAST, whose subject is the member that
 * will expire with capacity left because the packages ahead of it are drawn first. Both carry the pool key and the
 * pool's overage instant.
 */
public final class PoolAlertEvents {

    private PoolAlertEvents() {
    }

    public static PackageAlert overage(Transition t, PoolState p, AfterLastPackage after, Instant detectedAt) {
        long used = p.getMembers().stream().mapToLong(PoolMember::getUsed).sum();
        long now = p.getObservedAt().toEpochMilli();
        String head = head(t, p.getPoolKey(), null);
        String usage = String.format(Locale.ROOT, "%d package%s, %s left of %s", p.getMembers().size(),
                p.getMembers().size() == 1 ? "" : "s", Amounts.format(p.getRemaining(), p.getUnit()),
                Amounts.format(p.getCapacity(), p.getUnit()));
        String body;
        if (t.state() == AlertState.RESOLVED) {
            body = (p.getOverageStartsAt() == null ? "overage no longer projected within the horizon"
                    : "overage now projected " + AlertEvents.instant(p.getOverageStartsAt())) + ", " + usage;
        } else {
            body = after.words() + " " + AlertEvents.instant(p.getOverageStartsAt())
                    + DepletionBracket.phrase(millis(p.getOverageEarliestAt()), millis(p.getOverageLatestAt()), now)
                    + " at " + Amounts.rate(p.getRatePerHour() == null ? 0 : p.getRatePerHour(), p.getUnit()) + ", " + usage;
        }
        return PackageAlert.newBuilder()
                .setAlertKey(t.alertKey()).setEventId(t.eventId()).setType(t.type()).setBand(null)
                .setSeverity(t.severity()).setState(t.state())
                .setPackageKey(p.getPoolKey()).setVendor(p.getVendor()).setProduct(p.getProduct())
                .setAccount(p.getAccount()).setRegion(p.getRegion()).setPackageId(p.getPoolKey())
                .setResourceId(null).setPackageName(null).setKind(p.getKind()).setUnit(p.getUnit())
                .setCapacity(p.getCapacity()).setUsed(used).setRemaining(p.getRemaining()).setOverflow(0)
                .setPercentUsed(p.getCapacity() <= 0 ? 0 : 100d * used / p.getCapacity())
                .setRatePerHour(p.getRatePerHour())
                .setProjectedDepletionAt(p.getOverageStartsAt())
                .setProjectedDepletionEarliestAt(p.getOverageEarliestAt())
                .setProjectedDepletionLatestAt(p.getOverageLatestAt())
                .setProjectedRemainingAtExpiry(p.getProjectedWaste())
                .setExpiresAt(null)
                .setMessage(head + body)
                .setObservedAt(p.getObservedAt()).setDetectedAt(detectedAt)
                .setPoolKey(p.getPoolKey()).setOverageStartsAt(p.getOverageStartsAt())
                .build();
    }

    /** {@code m} as the pool state lists it, or its last listing when it has just left the pool. */
    public static PackageAlert waste(Transition t, PoolState p, PoolMember m, boolean left, Instant detectedAt) {
        String head = head(t, m.getPackageKey(), m.getPackageName());
        String body;
        if (t.state() == AlertState.RESOLVED) {
            body = left ? "left pool " + p.getPoolKey()
                    : "no longer projected to expire with capacity left in pool " + p.getPoolKey();
        } else {
            body = "expires " + AlertEvents.instant(m.getExpiresAt()) + " with "
                    + Amounts.format(m.getProjectedWaste(), p.getUnit())
                    + " projected unused: the packages ahead of it in pool " + p.getPoolKey() + " are drawn first";
        }
        return PackageAlert.newBuilder()
                .setAlertKey(t.alertKey()).setEventId(t.eventId()).setType(t.type()).setBand(null)
                .setSeverity(t.severity()).setState(t.state())
                .setPackageKey(m.getPackageKey()).setVendor(p.getVendor()).setProduct(p.getProduct())
                .setAccount(p.getAccount()).setRegion(p.getRegion()).setPackageId(m.getPackageId())
                .setResourceId(null).setPackageName(m.getPackageName()).setKind(p.getKind()).setUnit(p.getUnit())
                .setCapacity(m.getCapacity()).setUsed(m.getUsed()).setRemaining(m.getRemaining()).setOverflow(0)
                .setPercentUsed(m.getCapacity() <= 0 ? 0 : 100d * m.getUsed() / m.getCapacity())
                .setRatePerHour(p.getRatePerHour())
                .setProjectedDepletionAt(m.getDrawEndAt())
                .setProjectedDepletionEarliestAt(null).setProjectedDepletionLatestAt(null)
                .setProjectedRemainingAtExpiry(m.getProjectedWaste())
                .setExpiresAt(m.getExpiresAt())
                .setMessage(head + body)
                .setObservedAt(m.getObservedAt()).setDetectedAt(detectedAt)
                .setPoolKey(p.getPoolKey()).setOverageStartsAt(p.getOverageStartsAt())
                .build();
    }

    private static String head(Transition t, String subject, String name) {
        return t.state() + " " + t.severity() + " " + t.type() + " " + subject + (name == null ? "" : " (" + name + ")") + ": ";
    }

    private static long millis(Instant i) {
        return i == null ? Observation.NONE : i.toEpochMilli();
    }
}
