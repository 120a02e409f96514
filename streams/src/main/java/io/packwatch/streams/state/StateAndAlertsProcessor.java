package io.packwatch.streams.state;

import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.streams.alerts.AlertEvents;
import io.packwatch.streams.alerts.AlertRules;
import io.packwatch.streams.alerts.AlertStateMachine;
import io.packwatch.streams.alerts.AlertThresholds;
import io.packwatch.streams.alerts.AlertTracker;
import io.packwatch.streams.alerts.Signal;
import io.packwatch.streams.alerts.Transition;
import io.packwatch.streams.forecast.Acceptance;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Forecaster;
import io.packwatch.streams.forecast.Observation;
import io.packwatch.streams.forecast.PackageHistory;
import io.packwatch.streams.forecast.PackageHistoryCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per package: history → forecast → {@link PackageState}; per alert key: rules → state machine → {@link PackageAlert}
 * on transitions only. Everything the decisions depend on lives in the stores, which exactly-once commits together
 * with the output, so a replay after a crash repeats neither a transition nor an event id.
 *
 * <p>Stale detection runs on wall-clock punctuation: each accepted snapshot sets a deadline (arrival wall clock +
 * N poll intervals); a package past its deadline gets {@code stale=true} and a STALE alert, once. The punctuation
 * touches no other alert, so a data gap never resolves anything; the next snapshot resolves STALE.
 */
final class StateAndAlertsProcessor implements Processor<String, PackageSnapshot, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(StateAndAlertsProcessor.class);

    private final StateSettings settings;
    private final Forecaster forecaster;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> histories;
    private KeyValueStore<String, PackageState> states;
    private KeyValueStore<String, AlertRecord> alerts;
    private KeyValueStore<String, Long> deadlines;

    StateAndAlertsProcessor(StateSettings settings) {
        this.settings = settings;
        this.forecaster = new Forecaster(settings.forecast());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        histories = context.getStateStore(StateAndAlertsTopology.HISTORY_STORE);
        states = context.getStateStore(StateAndAlertsTopology.STATE_STORE);
        alerts = context.getStateStore(StateAndAlertsTopology.ALERT_STORE);
        deadlines = context.getStateStore(StateAndAlertsTopology.DEADLINE_STORE);
        context.schedule(settings.staleCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::markStale);
    }

    @Override
    public void process(Record<String, PackageSnapshot> record) {
        PackageSnapshot s = record.value();
        if (s == null || record.key() == null) {
            return;
        }
        String key = record.key();
        byte[] stored = histories.get(key);
        PackageHistory history = stored == null ? new PackageHistory() : PackageHistoryCodec.decode(stored);
        Observation observation = Observations.of(s);
        Acceptance acceptance = history.offer(observation, settings.forecast());
        if (!acceptance.accepted()) {
            LOG.debug("ignored {} snapshot of {} observed at {}", acceptance, key, s.getObservedAt());
            return;
        }
        histories.put(key, PackageHistoryCodec.encode(history));
        Forecast forecast = forecaster.forecast(history, observation);
        Instant streamTime = Instant.ofEpochMilli(record.timestamp());
        PackageState state = PackageStates.build(s, history, forecast, streamTime);
        states.put(key, state);
        context.forward(new Record<>(key, (SpecificRecord) state, record.timestamp()));

        AlertThresholds thresholds = settings.alerts().resolve(s.getVendor(), s.getProduct(), s.getKind());
        if (AlertRules.isGone(s)) {
            // no snapshot will follow for a deleted/refunded package: it must not turn STALE
            deadlines.delete(key);
        } else {
            deadlines.put(key, context.currentSystemTimeMs() + thresholds.staleAfter().toMillis());
        }
        for (Signal signal : AlertRules.evaluate(s, forecast, thresholds)) {
            apply(signal, s, forecast, s.getObservedAt(), record.timestamp());
        }
    }

    private void apply(Signal signal, PackageSnapshot s, Forecast forecast, Instant observedAt, long decidedAt) {
        AlertRecord current = alerts.get(signal.alertKey());
        AlertTracker before = current == null ? AlertTracker.NEW : current.tracker();
        AlertStateMachine.Step step = AlertStateMachine.step(before, signal);
        Transition t = step.transition();
        if (t == null) {
            if (!step.tracker().equals(before)) {
                alerts.put(signal.alertKey(), new AlertRecord(step.tracker(), current == null ? null : current.lastEvent()));
            }
            return;
        }
        PackageAlert event = AlertEvents.build(t, s, forecast, observedAt, Instant.ofEpochMilli(decidedAt));
        // resolved alerts keep only their sequence (so the next episode gets fresh event ids), not the event
        alerts.put(signal.alertKey(), new AlertRecord(step.tracker(), step.tracker().isFiring() ? event : null));
        context.forward(new Record<>(t.alertKey(), (SpecificRecord) event, decidedAt));
    }

    private void markStale(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = deadlines.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                if (entry.value != null && entry.value <= now) {
                    due.add(entry.key);
                }
            }
        }
        for (String key : due) {
            deadlines.delete(key);
            PackageState state = states.get(key);
            if (state == null) {
                continue;
            }
            state.setStale(true);
            state.setUpdatedAt(Instant.ofEpochMilli(now));
            states.put(key, state);
            context.forward(new Record<>(key, (SpecificRecord) state, now));
            apply(AlertRules.stale(key), state.getSnapshot(), PackageStates.forecastOf(state),
                    state.getSnapshot().getObservedAt(), now);
        }
    }
}
