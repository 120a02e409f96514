package io.packwatch.cli.view;

import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PackageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The package table of the live view: one line per package, most used first. */
final class PackageTable {

    private static final String HEADER_FORMAT = "%-18s %-16s %-22s %-12s %-28s %-14s %-14s %-12s %-14s";

    private PackageTable() {
    }

    static List<String> render(Collection<PackageState> states, Instant now, Ansi ansi) {
        List<String> lines = new ArrayList<>();
        lines.add(ansi.bold(String.format(Locale.ROOT, HEADER_FORMAT,
                "VENDOR", "ACCOUNT", "PACKAGE", "KIND", "USAGE", "RATE", "DEPLETES", "EXPIRES", "STATUS")));
        states.stream()
                .sorted(Comparator.comparing((PackageState s) -> s.getSnapshot().getProduct().toString())
                        .thenComparing(s -> s.getSnapshot().getPackageKey()))
                .forEach(state -> lines.add(line(state, now, ansi)));
        return lines;
    }

    static String line(PackageState state, Instant now, Ansi ansi) {
        PackageSnapshot s = state.getSnapshot();
        double percent = state.getPercentUsed();
        String usage = HumanUnits.bar(percent, 12) + String.format(Locale.ROOT, " %5.1f%%", percent);
        usage = percent >= 90 ? ansi.red(usage) : percent >= 80 ? ansi.yellow(usage) : ansi.green(usage);
        Double rate = state.getForecastMethod() == io.packwatch.schema.ForecastMethod.LEAST_SQUARES
                ? state.getRateSlopePerHour() : state.getRateEwmaPerHour();
        String status = s.getStatus().toString() + (state.getStale() ? " STALE" : "");
        status = s.getStatus() == PackageStatus.ACTIVE && !state.getStale() ? status : ansi.red(status);
        return String.format(Locale.ROOT, "%-18s %-16s %-22s %-12s %s %-14s %-14s %-12s %s",
                cut(s.getVendor().toString().toLowerCase(Locale.ROOT) + "-" + s.getProduct().toString().toLowerCase(Locale.ROOT), 18),
                cut(s.getAccount(), 16),
                cut(s.getPackageId(), 22),
                cut(s.getKind().toString(), 12),
                usage + " ".repeat(Math.max(0, 28 - 19)),
                cut(HumanUnits.rate(rate, s.getUnit()), 14),
                cut(depletes(state, now), 14),
                cut(HumanUnits.relative(s.getExpiresAt(), now), 12),
                status);
    }

    /** A package that is no longer drawn, or that expires before it would run out, does not deplete. */
    private static String depletes(PackageState state, Instant now) {
        PackageSnapshot s = state.getSnapshot();
        Instant depletion = state.getProjectedDepletionAt();
        if (s.getStatus() == PackageStatus.EXPIRED || s.getStatus() == PackageStatus.REFUNDED
                || s.getStatus() == PackageStatus.DELETED) {
            return "-";
        }
        if (depletion != null && s.getExpiresAt() != null && depletion.isAfter(s.getExpiresAt())) {
            return "after expiry";
        }
        return HumanUnits.relative(depletion, now);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
