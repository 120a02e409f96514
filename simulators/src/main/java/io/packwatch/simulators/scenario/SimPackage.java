package io.packwatch.simulators.scenario;

import io.packwatch.core.VendorApi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One simulated package as declared (immutable). {@link #at(Instant)} derives what the vendor would report at a
 * simulated instant: renewals, Lighthouse cycles, consumption, exhaustion, expiry and scripted status changes.
 *
 * @param capacity    in the API's native unit (VPC GB; bytes; Live bytes/minutes/hours)
 * @param initialUsed already used at {@code usageOrigin}; consumption is simulated from then on
 * @param usageOrigin when simulated consumption begins: the later of start and the simulator's start, so "used: 70%"
 *                    in a scenario means 70 % used now, whatever the package's age
 * @param cycle       Lighthouse quota cycle (usage resets each cycle), or null
 * @param renewEvery  automatic renewal: at expiry the package is extended by this and usage restarts; or null
 * @param renewTimes  how many renewals happen (0 = unlimited)
 * @param tags        VPC TagSet (null → JSON null)
 */
public record SimPackage(VendorApi api, String id, String name, String region, String instanceId, int liveType,
                         String packageType, double capacity, double initialUsed, Instant created, Instant start,
                         Instant expire, Instant usageOrigin, boolean offPeak, Consumption consumption, Duration cycle, boolean overflow,
                         Duration renewEvery, int renewTimes, List<StatusEvent> events, Map<String, String> tags,
                         Integer willRenew, Integer renewalResult) {

    /** A scripted change at a simulated instant: a vendor status override (null = back to computed) or removal. */
    public record StatusEvent(Instant at, String status, boolean remove) { }

    public enum Phase { NOT_STARTED, ACTIVE, EXHAUSTED, EXPIRED }

    /** What the vendor reports at one instant. {@code used} may exceed capacity only when overflow is allowed. */
    public record View(boolean present, String statusOverride, Phase phase, double used, Instant expire,
                       Instant cycleStart, Instant cycleEnd, int renewals) {
        public double remaining(double capacity) { return Math.max(0, capacity - Math.min(used, capacity)); }
    }

    /**
     * Whether the package is absent at some instants: removed by an event, or bought after the simulator's start (then
     * created is not before the usage origin). Conservative: listings take their slower, presence-checking path.
     */
    public boolean hasRemoval() {
        for (StatusEvent e : events) if (e.remove()) return true;
        return !created.isBefore(usageOrigin);
    }

    /** The same package drawing from another source, e.g. its pool's {@link SimPool#share(String)}. */
    public SimPackage withConsumption(Consumption other) {
        return new SimPackage(api, id, name, region, instanceId, liveType, packageType, capacity, initialUsed, created, start,
                expire, usageOrigin, offPeak, other, cycle, overflow, renewEvery, renewTimes, events, tags, willRenew, renewalResult);
    }

    public View at(Instant now) {
        // not bought yet (a renewal purchased later in the scenario): the vendor does not list it
        if (now.isBefore(created)) return new View(false, null, Phase.NOT_STARTED, 0, expire, start, expire, 0);
        String override = null;
        for (StatusEvent e : events) {
            if (e.at().isAfter(now)) break;
            if (e.remove()) return new View(false, null, Phase.EXPIRED, 0, expire, start, expire, 0);
            override = e.status();
        }
        double t = seconds(now);
        double s = seconds(start);
        double exp = seconds(expire);
        int renewals = 0;
        double segStart = s;
        if (renewEvery != null && t >= exp) {
            double every = renewEvery.toMillis() / 1000.0;
            long k = (long) Math.floor((t - exp) / every) + 1;
            if (renewTimes > 0) k = Math.min(k, renewTimes);
            renewals = (int) k;
            segStart = exp + (k - 1) * every;
            exp = exp + k * every;
        }
        double from = segStart;
        double cycleStart = segStart;
        double cycleEnd = exp;
        if (cycle != null) {
            double c = cycle.toMillis() / 1000.0;
            double n = Math.max(0, Math.floor((Math.min(t, exp) - s) / c));
            cycleStart = s + n * c;
            if (cycleStart >= exp && n > 0) cycleStart = s + (n - 1) * c;
            cycleEnd = Math.min(cycleStart + c, exp);
            from = Math.max(from, cycleStart);
        }
        if (t < s) {
            return new View(true, override, Phase.NOT_STARTED, initialUsed, instant(exp), instant(cycleStart), instant(cycleEnd), renewals);
        }
        double origin = seconds(usageOrigin);
        double used = from <= origin ? initialUsed + consumption.amount(origin, Math.min(t, exp)) : consumption.amount(from, Math.min(t, exp));
        // a pool draws a package to exactly its capacity; initialUsed + (capacity - initialUsed) may round below it
        if (!overflow && capacity - used <= capacity * 1e-12) used = capacity;
        Phase phase = t >= exp ? Phase.EXPIRED : used >= capacity && !overflow ? Phase.EXHAUSTED : Phase.ACTIVE;
        return new View(true, override, phase, used, instant(exp), instant(cycleStart), instant(cycleEnd), renewals);
    }

    private static double seconds(Instant i) { return i.getEpochSecond() + i.getNano() / 1e9; }

    private static Instant instant(double seconds) {
        long s = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(s, Math.round((seconds - s) * 1e9) % 1_000_000_000L);
    }
}
