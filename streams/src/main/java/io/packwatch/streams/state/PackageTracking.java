package io.packwatch.streams.state;

import io.packwatch.schema.PackageState;
import io.packwatch.streams.alerts.AlertTracker;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything part 2 keeps about one package, in one store record so that a snapshot costs one store read and one
 * write (one changelog record) instead of one per concern: the encoded consumption history, the latest
 * {@link PackageState} (kept encoded until someone needs it: the snapshot path never reads the previous state), the
 * wall-clock stale deadline, whether the stale-check index holds an entry for the package, and the alert records of
 * its alert keys that are not {@link AlertTracker#NEW}. The state is kept as the bytes written to the package-state
 * topic ({@link StateCodec}) and decoded only when asked for.
 */
final class PackageTracking {

    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final StateCodec codec;
    byte[] history;
    private byte[] encodedState;
    private PackageState state;
    long staleDeadline = NO_DEADLINE;
    boolean indexed;
    final Map<String, AlertRecord> alerts = new TreeMap<>();

    PackageTracking(StateCodec codec) {
        this.codec = codec;
    }

    PackageTracking(StateCodec codec, byte[] history, byte[] encodedState, long staleDeadline, boolean indexed) {
        this.codec = codec;
        this.history = history;
        this.encodedState = encodedState;
        this.staleDeadline = staleDeadline;
        this.indexed = indexed;
    }

    /** The latest state, decoded on first use; null before the first accepted snapshot. */
    PackageState state() {
        if (state == null && encodedState != null) {
            state = codec.decode(encodedState);
        }
        return state;
    }

    /** Replaces the state; returns its encoding, which is also what the package-state topic gets. */
    byte[] state(PackageState newState) {
        state = newState;
        encodedState = codec.encode(newState);
        return encodedState;
    }

    byte[] encodedState() {
        return encodedState;
    }

    void alert(String alertKey, AlertRecord record) {
        if (record.tracker().equals(AlertTracker.NEW) && !record.hasEvent()) {
            alerts.remove(alertKey);
        } else {
            alerts.put(alertKey, record);
        }
    }
}
