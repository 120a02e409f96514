package io.packwatch.simulators.control;

import io.packwatch.core.VendorApi;
import io.packwatch.simulators.scenario.Account;
import io.packwatch.simulators.time.SimClock;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What every handler of one running simulator shares: accounts, limits, faults, stats and the two clocks. */
public final class ServerContext {
    private final List<Account> accounts;
    private final Map<String, Account> byKeyId;
    private final Map<VendorApi, Integer> rateLimits;
    private final FaultController faults;
    private final SimStats stats;
    private final SimClock simClock;
    private final Clock authClock;

    public ServerContext(List<Account> accounts, Map<VendorApi, Integer> rateLimits, FaultController faults, SimStats stats,
                         SimClock simClock, Clock authClock) {
        this.accounts = List.copyOf(accounts);
        this.byKeyId = accounts.stream().collect(Collectors.toUnmodifiableMap(Account::keyId, Function.identity()));
        this.rateLimits = Map.copyOf(rateLimits);
        this.faults = faults;
        this.stats = stats;
        this.simClock = simClock;
        this.authClock = authClock;
    }

    public List<Account> accounts() { return accounts; }

    public Account byKeyId(String keyId) { return byKeyId.get(keyId); }

    public int rateLimit(VendorApi api, Account account) {
        return account.rateLimits().getOrDefault(api, rateLimits.getOrDefault(api, 0));
    }

    public FaultController faults() { return faults; }

    public SimStats stats() { return stats; }

    public SimClock simClock() { return simClock; }

    /** Real time for signature windows: clients sign with their wall clock, whatever the simulation's time scale. */
    public Clock authClock() { return authClock; }

    public Set<String> regions(VendorApi api) {
        Set<String> out = new TreeSet<>();
        accounts.forEach(a -> out.addAll(a.regions(api)));
        return out;
    }
}
