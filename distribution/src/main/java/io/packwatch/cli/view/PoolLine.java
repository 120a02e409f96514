package io.packwatch.cli.view;

import io.packwatch.schema.PoolState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The line of the live view above a pool's packages: the answer to "when do we start paying, and what is lost?"
 * ({@code pool baidu-eip/acme/bj/TRAFFIC/FULL_TIME: 3 packages, overage starts in 17-20 days, 40.0 GiB to be wasted}).
 * The range is the projection's P10-P90; a pool whose packages outlast the forecast horizon is "covered beyond the
 * horizon", one without a rate yet says so.
 */
final class PoolLine {

    private PoolLine() {
    }

    static String line(PoolState pool, Instant now, Ansi ansi) {
        int members = pool.getMembers().size();
        StringBuilder line = new StringBuilder("pool ").append(pool.getPoolKey()).append(": ")
                .append(members).append(members == 1 ? " package, " : " packages, ").append(overage(pool, now));
        if (pool.getProjectedWaste() > 0) {
            line.append(", ").append(HumanUnits.amount(pool.getProjectedWaste(), pool.getUnit())).append(" to be wasted");
        }
        Instant overage = pool.getOverageStartsAt();
        boolean started = overage != null && !overage.isAfter(now);
        return started ? ansi.red(line.toString()) : ansi.bold(line.toString());
    }

    private static String overage(PoolState pool, Instant now) {
        Instant at = pool.getOverageStartsAt();
        if (pool.getRatePerHour() == null) {
            return "no rate yet";
        }
        if (at == null) {
            return "covered beyond the horizon";
        }
        if (!at.isAfter(now)) {
            return "overage started " + HumanUnits.duration(Duration.between(at, now)) + " ago";
        }
        return "overage starts " + range(pool.getOverageEarliestAt(), at, pool.getOverageLatestAt(), now);
    }

    /**
     * "in 17-20 days": the P10-P90 bracket in one unit chosen by its late end; "in 17+ days" when the late end is
     * open; the median alone ("in 18d16h") when there is no bracket.
     */
    static String range(Instant earliest, Instant median, Instant latest, Instant now) {
        if (earliest == null) {
            return HumanUnits.relative(median, now);
        }
        Duration early = positive(Duration.between(now, earliest));
        Duration late = latest == null ? null : positive(Duration.between(now, latest));
        Duration scale = late == null ? early : late;
        long unitSeconds;
        String unit;
        if (scale.compareTo(Duration.ofHours(2)) < 0) {
            unitSeconds = 60;
            unit = "minutes";
        } else if (scale.compareTo(Duration.ofDays(2)) < 0) {
            unitSeconds = 3600;
            unit = "hours";
        } else {
            unitSeconds = 86_400;
            unit = "days";
        }
        long from = early.getSeconds() / unitSeconds;
        if (late == null) {
            return String.format(Locale.ROOT, "in %d+ %s", from, unit);
        }
        long to = (late.getSeconds() + unitSeconds - 1) / unitSeconds;
        return from == to ? String.format(Locale.ROOT, "in %d %s", to, unit)
                : String.format(Locale.ROOT, "in %d-%d %s", from, to, unit);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
