package io.packwatch.cli.view;

import io.packwatch.schema.ForecastMethod;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.PoolState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The package table of the live view: one line per package, and one per pool above its packages. On a narrow terminal the columns an operator acts on
 * least are dropped first (vendor, kind, account, then the rate), and the usage bar gets shorter, so package, usage,
 * depletion, expiry and status stay readable at 80 columns.
 */
final class PackageTable {

    /** Width of the status column when deciding what fits; longer statuses ("NETWORK_DISABLED STALE") are elided. */
    private static final int STATUS_FIT = 16;
    private static final int WIDE_BAR = 12;
    private static final int NARROW_BAR = 6;

    /** One column; {@code dropRank} 0 is always shown, 1 is dropped first. */
    private record Column(String header, int width, int dropRank, Function<Cells, String> value) {
    }

    /** The cell texts of one package (coloured where it helps). */
    private record Cells(String vendor, String account, String pkg, String kind, double percent, String rate,
                         String depletes, String expires, String status, Ansi ansi) {
    }

    private PackageTable() {
    }

    /** The whole table, every column (output that is not a terminal). */
    static List<String> render(Collection<PackageState> states, Instant now, Ansi ansi) {
        return render(states, now, ansi, Integer.MAX_VALUE);
    }

    /** Header and one line per package, with the columns that fit in {@code width} terminal columns. */
    static List<String> render(Collection<PackageState> states, Instant now, Ansi ansi, int width) {
        return render(states, List.of(), now, ansi, width);
    }

    /**
     * Header and one line per package; a pool's line comes where its first package would, followed by its packages
     * in draw order (the one being drawn first), so the pool reads as one block.
     */
    static List<String> render(Collection<PackageState> states, Collection<PoolState> pools, Instant now, Ansi ansi,
                               int width) {
        List<Column> columns = columnsFor(width);
        Map<String, PoolState> poolOfPackage = new HashMap<>();
        pools.forEach(pool -> pool.getMembers().forEach(m -> poolOfPackage.put(m.getPackageKey(), pool)));
        Map<String, PackageState> byKey = new HashMap<>();
        states.forEach(s -> byKey.put(s.getSnapshot().getPackageKey(), s));
        Set<String> shown = new HashSet<>();
        List<String> lines = new ArrayList<>();
        lines.add(ansi.bold(join(columns, c -> c.header())));
        Consumer<PackageState> addPackage = state -> {
            if (shown.add(state.getSnapshot().getPackageKey())) {
                Cells cells = cells(state, now, ansi);
                lines.add(join(columns, c -> c.value().apply(cells)));
            }
        };
        states.stream()
                .sorted(Comparator.comparing((PackageState s) -> s.getSnapshot().getProduct().toString())
                        .thenComparing(s -> s.getSnapshot().getPackageKey()))
                .forEach(state -> {
                    PoolState pool = poolOfPackage.get(state.getSnapshot().getPackageKey());
                    if (pool == null || shown.contains(state.getSnapshot().getPackageKey())) {
                        addPackage.accept(state);
                        return;
                    }
                    lines.add(PoolLine.line(pool, now, ansi));
                    pool.getMembers().stream().map(m -> byKey.get(m.getPackageKey())).filter(Objects::nonNull)
                            .forEach(addPackage);
                });
        return lines;
    }

    /** One package with every column. */
    static String line(PackageState state, Instant now, Ansi ansi) {
        Cells cells = cells(state, now, ansi);
        return join(columnsFor(Integer.MAX_VALUE), c -> c.value().apply(cells));
    }

    /** The widest layout that fits: columns go in rank order (vendor, kind, account), then the long bar, then the rate. */
    private static List<Column> columnsFor(int width) {
        List<Column> layout = null;
        for (int[] barAndDropped : new int[][] {{WIDE_BAR, 0}, {WIDE_BAR, 1}, {WIDE_BAR, 2}, {WIDE_BAR, 3},
                {NARROW_BAR, 3}, {NARROW_BAR, 4}}) {
            int dropped = barAndDropped[1];
            layout = columns(barAndDropped[0]).stream().filter(c -> c.dropRank() == 0 || c.dropRank() > dropped).toList();
            if (fitWidth(layout) <= width) {
                break;
            }
        }
        return layout;
    }

    private static List<Column> columns(int bar) {
        return List.of(
                new Column("VENDOR", 18, 1, Cells::vendor),
                new Column("ACCOUNT", 16, 3, Cells::account),
                new Column("PACKAGE", 22, 0, Cells::pkg),
                new Column("KIND", 19, 2, Cells::kind),
                new Column("USAGE", bar + 7, 0, cells -> usage(cells, bar)),
                new Column("RATE", 14, 4, Cells::rate),
                new Column("DEPLETES", 12, 0, Cells::depletes),
                new Column("EXPIRES", 12, 0, Cells::expires),
                new Column("STATUS", STATUS_FIT, 0, Cells::status));
    }

    private static int fitWidth(List<Column> columns) {
        return columns.stream().mapToInt(Column::width).sum() + columns.size() - 1;
    }

    /** Cells padded to their column, separated by one space; the last column is not padded. */
    private static String join(List<Column> columns, Function<Column, String> text) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            boolean last = i == columns.size() - 1;
            line.append(last ? text.apply(c) : TerminalText.fit(text.apply(c), c.width()) + " ");
        }
        return line.toString();
    }

    private static Cells cells(PackageState state, Instant now, Ansi ansi) {
        PackageSnapshot s = state.getSnapshot();
        Double rate = state.getForecastMethod() == ForecastMethod.LEAST_SQUARES
                ? state.getRateSlopePerHour() : state.getRateEwmaPerHour();
        String status = s.getStatus().toString() + (state.getStale() ? " STALE" : "");
        status = s.getStatus() == PackageStatus.ACTIVE && !state.getStale() ? status : ansi.red(status);
        return new Cells(
                s.getVendor().toString().toLowerCase(Locale.ROOT) + "-" + s.getProduct().toString().toLowerCase(Locale.ROOT),
                s.getAccount(), s.getPackageId(), s.getKind().toString(), state.getPercentUsed(),
                HumanUnits.rate(rate, s.getUnit()), depletes(state, now), HumanUnits.relative(s.getExpiresAt(), now),
                status, ansi);
    }

    private static String usage(Cells cells, int bar) {
        double percent = cells.percent();
        String usage = HumanUnits.bar(percent, bar) + String.format(Locale.ROOT, " %5.1f%%", percent);
        Ansi ansi = cells.ansi();
        return percent >= 90 ? ansi.red(usage) : percent >= 80 ? ansi.yellow(usage) : ansi.green(usage);
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
}
