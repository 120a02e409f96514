package io.packwatch.simulators.control;

import io.packwatch.core.VendorApi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts per API/account/outcome and the peak number of requests seen in any sliding 1-second window per
 * API/account (every arrival counts, throttled ones too), so a collector test can assert it never went over a limit.
 * Also enforces the per-account rate limits, because both need the same arrival windows. Unauthenticated requests
 * are counted under account {@value #UNKNOWN_ACCOUNT}.
 */
public final class SimStats {
    public static final String UNKNOWN_ACCOUNT = "?";
    private static final long SECOND = 1_000_000_000L;

    /** Counts for one API and account. */
    public record Counts(Map<Outcome, Long> byOutcome, int maxPerSecond) {
        public long total() { return byOutcome.values().stream().mapToLong(Long::longValue).sum(); }
    }

    private record Key(VendorApi api, String account) { }

    private static final class Window {
        final ArrayDeque<Long> arrivals = new ArrayDeque<>();
        final ArrayDeque<Long> admitted = new ArrayDeque<>();
        final EnumMap<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
        int max;

        Window() {
            for (Outcome o : Outcome.values()) outcomes.put(o, new LongAdder());
        }

        synchronized boolean arriveAndAdmit(long now, int limit) {
            trim(arrivals, now);
            arrivals.addLast(now);
            max = Math.max(max, arrivals.size());
            if (limit <= 0) return true;
            trim(admitted, now);
            if (admitted.size() >= limit) return false;
            admitted.addLast(now);
            return true;
        }

        private static void trim(ArrayDeque<Long> q, long now) {
            while (!q.isEmpty() && now - q.peekFirst() >= SECOND) q.pollFirst();
        }
    }

    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock wall-clock time for the 1-second windows (a fixed clock in tests makes limits deterministic) */
    public SimStats(Clock clock) { this.clock = clock; }

    /** Records an arrival; false when the account is over {@code limit} requests in the last second (0 = unlimited). */
    public boolean arrive(VendorApi api, String account, int limit) {
        Instant now = clock.instant();
        return window(api, account).arriveAndAdmit(now.getEpochSecond() * SECOND + now.getNano(), limit);
    }

    public void outcome(VendorApi api, String account, Outcome outcome) {
        window(api, account).outcomes.get(outcome).increment();
    }

    private Window window(VendorApi api, String account) {
        return windows.computeIfAbsent(new Key(api, account == null ? UNKNOWN_ACCOUNT : account), k -> new Window());
    }

    public long requests(VendorApi api) {
        return windows.entrySet().stream().filter(e -> e.getKey().api == api)
                .mapToLong(e -> e.getValue().outcomes.values().stream().mapToLong(LongAdder::sum).sum()).sum();
    }

    public long requests(VendorApi api, String account) { return counts(api, account).total(); }

    public long requests(VendorApi api, String account, Outcome outcome) { return counts(api, account).byOutcome().get(outcome); }

    /** Peak arrivals of this account at this API within any 1-second window since start (or the last reset). */
    public int maxPerSecond(VendorApi api, String account) { return counts(api, account).maxPerSecond(); }

    public Counts counts(VendorApi api, String account) {
        Window w = windows.get(new Key(api, account));
        Map<Outcome, Long> m = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) m.put(o, w == null ? 0L : w.outcomes.get(o).sum());
        int max;
        if (w == null) {
            max = 0;
        } else {
            synchronized (w) {
                max = w.max;
            }
        }
        return new Counts(m, max);
    }

    /** Every API/account seen, e.g. {@code tencent-vpc/acct-a → Counts}. */
    public Map<String, Counts> snapshot() {
        Map<String, Counts> out = new TreeMap<>();
        windows.keySet().forEach(k -> out.put(k.api.id() + "/" + k.account, counts(k.api, k.account)));
        return out;
    }

    public void reset() { windows.clear(); }
}
