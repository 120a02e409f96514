package io.packwatch.simulators.scenario;

import io.packwatch.core.PoolRule;
import io.packwatch.core.VendorApi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One pool of a simulated account: packages that cover the same usage, drawn one at a time in the vendor's order
 * (vendor-spec §11, the rule declared once in {@link VendorApi#poolRule()}). The pool's usage is deducted from the
 * first drawable package in that order until it is used up, then from the next; a package is drawable from its start
 * until it expires or is removed (refunded), so capacity left at expiry is lost. Idle-time (off-peak) packages are
 * drawn only inside the rule's idle window and go first there; outside it only full-time packages are drawn. When no
 * package can take the usage it is billed pay-as-you-go: {@link #overage(Instant)}.
 *
 * <p>Deterministic: {@link #drawn(Instant)} always replays from the simulator's start, splitting time only at the
 * instants where the drawable set or the lane changes, and takes each interval's usage as the difference of the
 * cumulative curve from the start; so the answer depends on the scenario clock alone, never on when or how often the
 * API was asked.
 */
public final class SimPool {
    /** A pooled package as the draw sees it. {@code room}: what it can still take at the simulator's start. */
    public record Member(String packageId, boolean idle, double room, Instant drawFrom, Instant drawUntil,
                         Instant expire, Instant tieBreak) {
        public Member {
            if (room < 0) throw new IllegalArgumentException("negative room for " + packageId);
        }
    }

    /** What the pool has drawn by one instant: per member in draw order, and the pay-as-you-go rest. */
    public record Draw(Instant at, double[] drawn, double overage) { }

    private final String id;
    private final VendorApi api;
    private final Consumption usage;
    private final Instant origin;
    private final List<Member> members;
    private final IdleWindow window;
    private volatile Draw last;

    /**
     * @param members in any order; sorted here by the rule (earliest expiry first, then the tie-break instant, then id)
     * @param origin  the simulator's start: usage is counted from here
     */
    public SimPool(String id, VendorApi api, Consumption usage, Instant origin, List<Member> members) {
        PoolRule rule = api.poolRule();
        if (rule.scope() == PoolRule.Scope.NONE) throw new IllegalArgumentException(api.id() + " has no pools");
        this.id = id;
        this.api = api;
        this.usage = usage;
        this.origin = origin;
        this.members = members.stream().sorted(Comparator.comparing(Member::expire)
                .thenComparing(Member::tieBreak).thenComparing(Member::packageId)).toList();
        boolean anyIdle = this.members.stream().anyMatch(Member::idle);
        if (anyIdle && rule.idleWindow() == null) {
            throw new IllegalArgumentException(api.id() + " documents no idle window: its pools take full-time packages only");
        }
        this.window = anyIdle ? new IdleWindow(rule.idleWindow()) : null;
    }

    public String id() { return id; }

    public VendorApi api() { return api; }

    /** The members in draw order. */
    public List<Member> members() { return members; }

    /** Usage billed pay-as-you-go since the simulator's start, because no package could take it. */
    public double overage(Instant at) { return drawn(at).overage(); }

    /** How much the member at this draw position has drawn since the simulator's start. */
    public double drawnBy(int position, Instant at) {
        return at.isAfter(members.get(position).drawFrom()) ? drawn(at).drawn()[position] : 0;
    }

    /** The usage a member draws between two instants, as its package's consumption. */
    public Consumption share(String packageId) {
        int position = -1;
        for (int i = 0; i < members.size(); i++) if (members.get(i).packageId().equals(packageId)) position = i;
        if (position < 0) throw new IllegalArgumentException(packageId + " is not in pool " + id);
        int p = position;
        return (from, to) -> to <= from ? 0 : drawnBy(p, instant(to)) - drawnBy(p, instant(from));
    }

    public Draw drawn(Instant at) {
        Draw memo = last;
        if (memo != null && memo.at().equals(at)) return memo;
        Draw d = replay(at);
        last = d;
        return d;
    }

    private Draw replay(Instant at) {
        double[] drawn = new double[members.size()];
        double overage = 0;
        if (!at.isAfter(origin)) return new Draw(at, drawn, 0);
        TreeSet<Instant> cuts = new TreeSet<>();
        for (Member m : members) {
            cuts.add(m.drawFrom());
            cuts.add(m.drawUntil());
        }
        if (window != null) cuts.addAll(window.boundaries(origin, at));
        double before = 0;
        Instant a = origin;
        while (a.isBefore(at)) {
            Instant next = cuts.higher(a);
            Instant b = next == null || next.isAfter(at) ? at : next;
            double cumulative = usage.amount(seconds(origin), seconds(b));
            double amount = Math.max(0, cumulative - before);
            before = Math.max(before, cumulative);
            boolean inWindow = window != null && window.contains(a);
            amount = fill(drawn, amount, a, true, inWindow);
            amount = fill(drawn, amount, a, false, true);
            overage += amount;
            a = b;
        }
        return new Draw(at, drawn, overage);
    }

    /** Deducts from the drawable members of one lane in order; returns what none of them could take. */
    private double fill(double[] drawn, double amount, Instant at, boolean idleLane, boolean laneOpen) {
        if (!laneOpen) return amount;
        for (int i = 0; i < members.size() && amount > 0; i++) {
            Member m = members.get(i);
            if (m.idle() != idleLane || at.isBefore(m.drawFrom()) || !at.isBefore(m.drawUntil())) continue;
            double take = Math.min(amount, m.room() - drawn[i]);
            if (take <= 0) continue;
            drawn[i] = take == m.room() - drawn[i] ? m.room() : drawn[i] + take;
            amount -= take;
        }
        return amount;
    }

    private static double seconds(Instant i) { return i.getEpochSecond() + i.getNano() / 1e9; }

    private static Instant instant(double seconds) {
        long s = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(s, Math.round((seconds - s) * 1e9) % 1_000_000_000L);
    }

    /** The rule's daily idle window, in its zone. */
    private static final class IdleWindow {
        private final LocalTime start;
        private final LocalTime end;
        private final ZoneId zone;

        IdleWindow(PoolRule.IdleWindow w) {
            this.start = LocalTime.parse(w.start());
            this.end = LocalTime.parse(w.end());
            this.zone = ZoneId.of(w.zone());
        }

        boolean contains(Instant t) {
            LocalTime local = t.atZone(zone).toLocalTime();
            return !local.isBefore(start) && local.isBefore(end);
        }

        List<Instant> boundaries(Instant from, Instant to) {
            List<Instant> out = new ArrayList<>();
            for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.atTime(start).atZone(zone).toInstant().isAfter(to);
                 day = day.plusDays(1)) {
                out.addAll(Arrays.asList(day.atTime(start).atZone(zone).toInstant(), day.atTime(end).atZone(zone).toInstant()));
            }
            return out;
        }
    }
}
