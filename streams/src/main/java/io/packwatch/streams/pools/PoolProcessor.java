package io.packwatch.streams.pools;

import io.packwatch.core.AfterLastPackage;
import io.packwatch.core.PoolRule;
import io.packwatch.core.VendorApi;
import io.packwatch.schema.AlertType;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.LocalTimeWindow;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.schema.PoolVerdict;
import io.packwatch.schema.PoolMember;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.alerts.AlertKeys;
import io.packwatch.streams.alerts.AlertRules;
import io.packwatch.streams.alerts.AlertStateMachine;
import io.packwatch.streams.alerts.AlertThresholds;
import io.packwatch.streams.alerts.AlertTracker;
import io.packwatch.streams.alerts.PoolAlertEvents;
import io.packwatch.streams.alerts.Signal;
import io.packwatch.streams.alerts.Transition;
import io.packwatch.streams.forecast.DrawableClock;
import io.packwatch.streams.forecast.Forecaster;
import io.packwatch.streams.forecast.FullTimeClock;
import io.packwatch.streams.forecast.Observation;
import io.packwatch.streams.forecast.OffPeakClock;
import io.packwatch.streams.forecast.PackageHistory;
import io.packwatch.streams.forecast.PackageHistoryCodec;
import io.packwatch.streams.state.StateSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per pool key: keeps the members (a renewal or a new package joins, an expired, refunded or deleted one leaves),
 * the pool's cumulative consumption and its forecast history; on every member update projects the lane in draw order
 * ({@link PoolProjection}), publishes the {@link PoolState} and runs the pool alerts through the same state machine as
 * the per-package alerts: OVERAGE_FORECAST (pool key + type) and POOL_WASTE_FORECAST (per member that waits its turn
 * and is projected to expire with capacity left). A pool whose last member left is deleted (a tombstone on the
 * compacted pool-state topic) and its open alerts resolve.
 */
final class PoolProcessor implements Processor<String, PoolMemberUpdate, String, PoolOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(PoolProcessor.class);

    private final StateSettings settings;
    private final PoolSettings pools;
    private final Forecaster forecaster;
    private ProcessorContext<String, PoolOutput> context;
    private KeyValueStore<String, PoolRecord> store;

    PoolProcessor(StateSettings settings, PoolSettings pools) {
        this.settings = settings;
        this.pools = pools;
        this.forecaster = new Forecaster(settings.forecast());
    }

    @Override
    public void init(ProcessorContext<String, PoolOutput> context) {
        this.context = context;
        this.store = context.getStateStore(PoolTopology.STORE);
    }

    @Override
    public void process(Record<String, PoolMemberUpdate> record) {
        PoolMemberUpdate update = record.value();
        if (update == null || update.getSnapshot() == null || record.key() == null) {
            return;
        }
        PackageSnapshot s = update.getSnapshot();
        Optional<PoolKey> found = PoolKey.of(s);
        if (found.isEmpty() || !found.get().toString().equals(record.key())) {
            LOG.warn("ignored pool member {} under pool key {}: its pool is {}", s.getPackageKey(), record.key(),
                    found.map(PoolKey::toString).orElse("none"));
            // its signals are still decided, uncovered: a page too many rather than one lost
            answer(found.map(PoolKey::toString).orElse(record.key()), update, false, Observation.NONE, record.timestamp());
            return;
        }
        PoolKey key = found.get();
        PoolRecord rec = join(key, s, record.timestamp());
        boolean covered = rec != null && PoolCoverage.covers(ordered(key, rec), s.getPackageKey(), rec.observedAt);
        answer(record.key(), update, covered, rec == null ? Observation.NONE : rec.overageAt, record.timestamp());
    }

    /** Applies the member's snapshot to its pool; returns the pool as it stands after it, null once it is gone. */
    private PoolRecord join(PoolKey key, PackageSnapshot s, long timestamp) {
        String poolKey = key.toString();
        PoolRecord rec = store.get(poolKey);
        if (rec == null) {
            rec = new PoolRecord();
        }
        Member before = rec.members.get(s.getPackageKey());
        Member member = Member.of(s);
        boolean leaves = Member.leaves(s.getStatus());
        if (before != null && member.observedAt() < before.observedAt()) {
            return rec;
        }
        if (before != null && !leaves && before.sameFigures(member) && member.observedAt() <= rec.observedAt) {
            // a waiting member of a poll the pool has already seen: nothing to project again; its instant is kept and
            // published with the pool's next change
            rec.members.put(member.packageKey(), member);
            store.put(poolKey, rec);
            return rec;
        }
        if (before == null && (leaves || rec.members.size() >= PoolRecord.MAX_MEMBERS)) {
            if (!leaves && !rec.full) {
                LOG.error("pool {} has {} members, the most a pool tracks: {} and any further package are left out of "
                        + "its projection", key, PoolRecord.MAX_MEMBERS, s.getPackageKey());
                rec.full = true;
                store.put(poolKey, rec);
            }
            return rec;
        }
        update(rec, before, member, leaves, s);
        AlertThresholds thresholds = settings.alerts().resolve(s.getVendor(), s.getProduct(), s.getKind());
        if (rec.members.isEmpty()) {
            delete(key, rec, before, timestamp);
            return null;
        }
        PoolState state = project(key, rec, member);
        rec.overageAt = millis(state.getOverageStartsAt());
        context.forward(new Record<>(poolKey, new PoolOutput.State(state), timestamp), PoolOutput.STATE_SINK);
        alert(key, rec, state, thresholds, timestamp);
        if (leaves) {
            resolveWasteOfLeaver(rec, state, before, timestamp);
        }
        store.put(poolKey, rec);
        return rec;
    }

    /**
     * Sends the update back to its package with the pool's verdict, when it carries signals that wait for it (the
     * state stage decides them: {@code PoolVerdicts}). {@code overageAt}: the pool's overage instant, or
     * {@link Observation#NONE}.
     */
    private void answer(String poolKey, PoolMemberUpdate update, boolean covered, long overageAt, long timestamp) {
        if (update.getSignals().isEmpty()) {
            return;
        }
        PoolVerdict verdict = PoolVerdict.newBuilder().setPoolKey(poolKey).setCovered(covered)
                .setOverageStartsAt(overageAt == Observation.NONE ? null : Instant.ofEpochMilli(overageAt)).build();
        PoolMemberUpdate answered = PoolMemberUpdate.newBuilder(update).setVerdict(verdict).build();
        context.forward(new Record<>(update.getSnapshot().getPackageKey(), new PoolOutput.Verdict(answered), timestamp),
                PoolOutput.VERDICT_SINK);
    }

    /** The pool's members in its vendor's draw order, the one being drawn first. */
    private static List<Member> ordered(PoolKey key, PoolRecord rec) {
        List<Member> ordered = new ArrayList<>(rec.members.values());
        ordered.sort(DrawOrder.of(key.api().poolRule()));
        return ordered;
    }

    /** Applies the member's snapshot: its consumption, joining or leaving, the lane's window. */
    private static void update(PoolRecord rec, Member before, Member member, boolean leaves, PackageSnapshot s) {
        rec.cumulative += consumed(before, member);
        if (leaves) {
            rec.members.remove(member.packageKey());
            rec.full = false;
        } else {
            rec.members.put(member.packageKey(), member);
        }
        rec.unit = s.getUnit();
        if (s.getOffPeakWindow() != null) {
            LocalTimeWindow w = s.getOffPeakWindow();
            rec.offPeakWindow = new String[] {w.getStart(), w.getEnd(), w.getZone()};
        }
    }

    /** Feeds the pool's history, forecasts its rate and walks its members in draw order. */
    private PoolState project(PoolKey key, PoolRecord rec, Member member) {
        String poolKey = key.toString();
        LocalTimeWindow window = window(key, rec);
        DrawableClock clock = window == null ? FullTimeClock.INSTANCE
                : OffPeakClock.of(window.getStart(), window.getEnd(), window.getZone());
        PackageHistory history = rec.history == null ? new PackageHistory() : PackageHistoryCodec.decode(rec.history);
        history.offer(PoolRate.sample(poolKey, member.observedAt(), rec.cumulative, clock), settings.forecast());
        rec.history = PackageHistoryCodec.encode(history);
        rec.observedAt = Math.max(rec.observedAt, member.observedAt());
        long now = rec.observedAt;
        List<Member> ordered = ordered(key, rec);
        long horizonEnd = now + settings.forecast().projectionHorizon().toMillis();
        long drawable = ordered.stream().filter(m -> !m.hasExpiry() || m.expiresAt() > now).mapToLong(Member::remaining).sum();
        PoolRate rate = PoolRate.of(forecaster, history, poolKey, now, rec.cumulative, drawable, clock);
        PoolProjection.Result median = PoolProjection.project(ordered, clock, now, rate.ratePerHour(), horizonEnd);
        long earliest = bound(ordered, clock, now, rate.highPerHour(), horizonEnd, median);
        long latest = bound(ordered, clock, now, rate.lowPerHour(), horizonEnd, median);
        return PoolStates.build(key, rec, window, ordered, rate, median, earliest, latest, now, horizonEnd);
    }

    /**
     * OVERAGE_FORECAST of the pool and POOL_WASTE_FORECAST of each member waiting its turn (the first member with
     * something left is drawn now: its waste is its own, EXPIRING's business, not the order's).
     */
    private void alert(PoolKey key, PoolRecord rec, PoolState state, AlertThresholds thresholds, long decidedAt) {
        String overageKey = AlertKeys.of(key.toString(), AlertType.OVERAGE_FORECAST, null);
        boolean known = state.getRatePerHour() != null;
        boolean inOverage = state.getRemaining() == 0;
        Signal overage = !known && !inOverage
                ? Signal.unknown(overageKey, AlertType.OVERAGE_FORECAST, null)
                : AlertRules.horizon(overageKey, AlertType.OVERAGE_FORECAST, state.getObservedAt().toEpochMilli(),
                        millis(state.getOverageStartsAt()), millis(state.getOverageEarliestAt()),
                        millis(state.getOverageLatestAt()), inOverage ? 1 : state.getConfidence(), thresholds);
        AfterLastPackage after = AfterLastPackage.of(key.api());
        apply(rec, overage, decidedAt, (t, at) -> PoolAlertEvents.overage(t, state, after, at));
        boolean ahead = false;
        for (PoolMember m : state.getMembers()) {
            boolean waits = ahead;
            ahead |= m.getRemaining() > 0;
            String alertKey = AlertKeys.of(m.getPackageKey(), AlertType.POOL_WASTE_FORECAST, null);
            Signal signal;
            if (!known) {
                signal = Signal.unknown(alertKey, AlertType.POOL_WASTE_FORECAST, null);
            } else if (!waits || m.getExpiresAt() == null) {
                signal = Signal.of(alertKey, AlertType.POOL_WASTE_FORECAST, null, null, null, thresholds.confirmSnapshots());
            } else {
                signal = AlertRules.waste(alertKey, AlertType.POOL_WASTE_FORECAST, state.getObservedAt().toEpochMilli(),
                        m.getExpiresAt().toEpochMilli(), m.getProjectedWaste(), m.getCapacity(), thresholds);
            }
            apply(rec, signal, decidedAt, (t, at) -> PoolAlertEvents.waste(t, state, m, false, at));
        }
    }

    /** Resolves the waste alert of a member that left, and forgets it, so the pool's state stays bounded by its members. */
    private void resolveWasteOfLeaver(PoolRecord rec, PoolState state, Member left, long decidedAt) {
        String alertKey = AlertKeys.of(left.packageKey(), AlertType.POOL_WASTE_FORECAST, null);
        if (rec.alerts.containsKey(alertKey)) {
            apply(rec, Signal.of(alertKey, AlertType.POOL_WASTE_FORECAST, null, null, null, 1), decidedAt,
                    (t, at) -> PoolAlertEvents.waste(t, state, listing(left, rec.observedAt), true, at));
        }
        rec.alerts.remove(alertKey);
    }

    /** The last member left: open alerts resolve, the state is a tombstone, the record goes. */
    private void delete(PoolKey key, PoolRecord rec, Member last, long decidedAt) {
        for (String alertKey : List.copyOf(rec.alerts.keySet())) {
            resolveGone(rec, alertKey, last, key, decidedAt);
        }
        context.forward(new Record<>(key.toString(), new PoolOutput.State(null), decidedAt), PoolOutput.STATE_SINK);
        store.delete(key.toString());
    }

    /**
     * What the pool counts as consumed by this update: the member's increase of {@code used}. A joining member
     * counts nothing (what it used before is not the pool's news), a member renewed in place (capacity or expiry
     * changed, used fell) counts its new {@code used}; a small decrease is noise that the history absorbs.
     */
    static long consumed(Member before, Member after) {
        if (before == null) {
            return 0;
        }
        long delta = after.used() - before.used();
        boolean renewed = after.capacity() != before.capacity() || after.expiresAt() != before.expiresAt();
        return delta < 0 && renewed ? after.used() : delta;
    }

    private long bound(List<Member> ordered, DrawableClock clock, long now, double rate, long horizonEnd,
                       PoolProjection.Result median) {
        if (median.overageAt() == now) {
            return now;
        }
        return Double.isNaN(rate) ? Observation.NONE
                : PoolProjection.project(ordered, clock, now, rate, horizonEnd).overageAt();
    }

    /** The OFF_PEAK lane's window: Tencent VPC's setting, else the rule's documented one, else the snapshots'. */
    private LocalTimeWindow window(PoolKey key, PoolRecord rec) {
        if (key.lane() != DeductPolicy.OFF_PEAK) {
            return null;
        }
        if (key.api() == VendorApi.TENCENT_VPC && pools.vpcIdleWindow() != null) {
            return pools.vpcIdleWindow();
        }
        PoolRule.IdleWindow documented = key.api().poolRule().idleWindow();
        if (documented != null) {
            return LocalTimeWindow.newBuilder().setStart(documented.start()).setEnd(documented.end())
                    .setZone(documented.zone()).build();
        }
        return rec.offPeakWindow == null ? null : LocalTimeWindow.newBuilder().setStart(rec.offPeakWindow[0])
                .setEnd(rec.offPeakWindow[1]).setZone(rec.offPeakWindow[2]).build();
    }

    private void apply(PoolRecord rec, Signal signal, long decidedAt, BiFunction<Transition, Instant, PackageAlert> event) {
        PoolRecord.PoolAlert current = rec.alerts.get(signal.alertKey());
        AlertTracker before = current == null ? AlertTracker.NEW : current.tracker();
        AlertStateMachine.Step step = AlertStateMachine.step(before, signal);
        Transition t = step.transition();
        long lastDetected = current == null ? Long.MIN_VALUE : current.lastDetectedAt();
        if (t == null) {
            if (!step.tracker().equals(before)) {
                rec.alerts.put(signal.alertKey(), new PoolRecord.PoolAlert(step.tracker(), lastDetected));
            }
            return;
        }
        // never dated before the event this one follows
        long at = Math.max(decidedAt, lastDetected);
        PackageAlert alert = event.apply(t, Instant.ofEpochMilli(at));
        rec.alerts.put(signal.alertKey(), new PoolRecord.PoolAlert(step.tracker(), at));
        PoolOutput.Alert output = PoolOutput.Alert.of(alert);
        context.forward(new Record<>(t.alertKey(), output, at), output.sink());
    }

    /** Resolves {@code alertKey} of a pool whose last member ({@code last}) left. */
    private void resolveGone(PoolRecord rec, String alertKey, Member last, PoolKey key, long decidedAt) {
        PoolRecord.PoolAlert current = rec.alerts.get(alertKey);
        if (current == null || !current.tracker().isFiring()) {
            return;
        }
        PoolState empty = PoolStates.build(key, rec, null, List.of(), PoolRate.UNKNOWN,
                new PoolProjection.Result(List.of(), Observation.NONE), Observation.NONE, Observation.NONE,
                rec.observedAt, rec.observedAt);
        AlertType type = alertKey.equals(AlertKeys.of(key.toString(), AlertType.OVERAGE_FORECAST, null))
                ? AlertType.OVERAGE_FORECAST : AlertType.POOL_WASTE_FORECAST;
        apply(rec, Signal.of(alertKey, type, null, null, null, 1), decidedAt, (t, at) -> type == AlertType.OVERAGE_FORECAST
                ? PoolAlertEvents.overage(t, empty, AfterLastPackage.of(key.api()), at)
                : PoolAlertEvents.waste(t, empty, listing(last, rec.observedAt), true, at));
    }

    private static long millis(Instant i) {
        return i == null ? Observation.NONE : i.toEpochMilli();
    }

    private static PoolMember listing(Member m, long now) {
        return PoolMember.newBuilder().setPackageKey(m.packageKey()).setPackageId(m.packageId())
                .setPackageName(m.name()).setStatus(m.status()).setCapacity(m.capacity()).setUsed(m.used())
                .setRemaining(m.remaining()).setStartsAt(null)
                .setExpiresAt(m.hasExpiry() ? Instant.ofEpochMilli(m.expiresAt()) : null)
                .setDrawStartAt(null).setDrawEndAt(null).setProjectedWaste(0)
                .setObservedAt(Instant.ofEpochMilli(now)).build();
    }
}
