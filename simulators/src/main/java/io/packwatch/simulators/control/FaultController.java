package io.packwatch.simulators.control;

import io.packwatch.core.VendorApi;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runtime fault script per API: scripted faults for the next N requests (FIFO) and/or random faults at a rate.
 * Optionally restricted to one account and to a window of simulation time (a permission revoked at +100 s and
 * restored at +220 s). Faults are drawn after authentication, so an unauthenticated request never consumes a
 * scripted fault.
 */
public final class FaultController {
    private record Scripted(VendorApi api, String account, Fault fault, int[] remaining, Window window) { }

    private record Rated(VendorApi api, String account, double rate, Fault fault, Window window) { }

    /** [from, until) in simulation time; a null bound is open. */
    public record Window(Instant from, Instant until) {
        public static final Window ALWAYS = new Window(null, null);

        public Window {
            if (from != null && until != null && !until.isAfter(from)) {
                throw new IllegalArgumentException("fault window: until (" + until + ") must be after from (" + from + ")");
            }
        }

        boolean contains(Instant t) {
            return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
        }
    }

    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private final List<Rated> rated = new CopyOnWriteArrayList<>();
    private final Supplier<Instant> now;

    /** Windows, where given, are judged against the wall clock (tests that use no simulation clock). */
    public FaultController() {
        this(Instant::now);
    }

    /** @param now the simulation clock that fault windows are judged against */
    public FaultController(Supplier<Instant> now) {
        this.now = now;
    }

    /** The next {@code n} requests to {@code api} (any account) get {@code fault}. */
    public FaultController next(VendorApi api, int n, Fault fault) { return next(api, null, n, fault); }

    /** The next {@code n} requests of {@code account} to {@code api} get {@code fault}. */
    public FaultController next(VendorApi api, String account, int n, Fault fault) {
        return next(api, account, n, fault, Window.ALWAYS);
    }

    /** The next {@code n} requests of {@code account} (null = any) to {@code api} within {@code window} get {@code fault}. */
    public synchronized FaultController next(VendorApi api, String account, int n, Fault fault, Window window) {
        if (n <= 0) throw new IllegalArgumentException("n must be > 0");
        scripted.addLast(new Scripted(api, account, fault, new int[] {n}, window));
        return this;
    }

    /** Each request to {@code api} gets {@code fault} with probability {@code rate} (0..1). */
    public FaultController rate(VendorApi api, double rate, Fault fault) { return rate(api, null, rate, fault); }

    public FaultController rate(VendorApi api, String account, double rate, Fault fault) {
        return rate(api, account, rate, fault, Window.ALWAYS);
    }

    /** Each request of {@code account} (null = any) to {@code api} within {@code window} gets {@code fault} with probability {@code rate}. */
    public FaultController rate(VendorApi api, String account, double rate, Fault fault, Window window) {
        if (rate < 0 || rate > 1) throw new IllegalArgumentException("rate must be 0..1, got " + rate);
        rated.add(new Rated(api, account, rate, fault, window));
        return this;
    }

    /** Removes every scripted and rated fault. */
    public synchronized void clear() {
        scripted.clear();
        rated.clear();
    }

    /** The fault for this request, or null. */
    public Fault draw(VendorApi api, String account) {
        Instant t = now.get();
        synchronized (this) {
            for (var it = scripted.iterator(); it.hasNext(); ) {
                Scripted s = it.next();
                if (s.api == api && (s.account == null || s.account.equals(account)) && s.window.contains(t)) {
                    if (--s.remaining[0] == 0) it.remove();
                    return s.fault;
                }
            }
        }
        for (Rated r : rated) {
            if (r.api == api && (r.account == null || r.account.equals(account)) && r.window.contains(t)
                    && ThreadLocalRandom.current().nextDouble() < r.rate) {
                return r.fault;
            }
        }
        return null;
    }

    public synchronized int pendingScripted(VendorApi api) {
        return scripted.stream().filter(s -> s.api == api).mapToInt(s -> s.remaining[0]).sum();
    }
}
