package io.packwatch.streams.alerts;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.Severity;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The lifecycle of one alert key: emits only OPEN, ESCALATE, DE_ESCALATE and RESOLVE, each after
 * {@link Signal#confirmations()} consecutive agreeing signals. Opening and escalating use the strict thresholds
 * ({@link Signal#entering()}); staying open uses the relaxed ones ({@link Signal#holding()}), so noise around a
 * threshold neither flaps nor re-opens. Pure: the caller stores the returned tracker.
 */
public final class AlertStateMachine {

    /** Result of one step: the new tracker and the transition to emit, or null. */
    public record Step(AlertTracker tracker, Transition transition) {
    }

    private AlertStateMachine() {
    }

    public static Step step(AlertTracker current, Signal signal) {
        AlertTracker t = current == null ? AlertTracker.NEW : current;
        if (signal.unknown()) {
            return new Step(t.withoutPending(), null);
        }
        TransitionKind kind;
        Severity target;
        if (!t.isFiring()) {
            kind = signal.entering() == null ? null : TransitionKind.OPEN;
            target = signal.entering();
        } else if (signal.holding() == null) {
            kind = TransitionKind.RESOLVE;
            target = null;
        } else if (signal.entering() != null && rank(signal.entering()) > rank(t.firing())) {
            kind = TransitionKind.ESCALATE;
            target = signal.entering();
        } else if (rank(signal.holding()) < rank(t.firing())) {
            kind = TransitionKind.DE_ESCALATE;
            target = signal.holding();
        } else {
            kind = null;
            target = null;
        }
        if (kind == null) {
            return new Step(t.withoutPending(), null);
        }
        // confirmations count agreeing snapshots of the same kind; the latest target severity wins
        int count = t.pendingKind() == kind ? t.pendingCount() + 1 : 1;
        if (count < Math.max(1, signal.confirmations())) {
            return new Step(new AlertTracker(t.firing(), t.sequence(), kind, target, count), null);
        }
        long sequence = t.sequence() + 1;
        AlertState state = kind == TransitionKind.RESOLVE ? AlertState.RESOLVED : AlertState.FIRING;
        Severity severity = kind == TransitionKind.RESOLVE ? t.firing() : target;
        Transition transition = new Transition(signal.alertKey(), signal.type(), signal.band(), kind, state, severity,
                sequence, eventId(signal.alertKey(), sequence, state, severity));
        Severity firing = kind == TransitionKind.RESOLVE ? null : target;
        return new Step(new AlertTracker(firing, sequence, null, null, 0), transition);
    }

    /** Name-based UUID (RFC 4122 v3, JDK built-in) of alert key, sequence, state and severity. */
    public static String eventId(String alertKey, long sequence, AlertState state, Severity severity) {
        String name = alertKey + "|" + sequence + "|" + state + "|" + severity;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static int rank(Severity s) {
        return switch (s) {
            case INFO -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
            default -> 0;
        };
    }
}
