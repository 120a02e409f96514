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
 * its alert keys that are not {@link AlertTracker#NEW}.
 */
final class PackageTracking {

    static final long NO_DEADLINE = Long.MIN_VALUE;

    byte[] history;
    private byte[] encodedState;
    private PackageState state;
    long staleDeadline = NO_DEADLINE;
    boolean indexed;
    final Map<String, AlertRecord> alerts = new TreeMap<>();

    PackageTracking() {
    }

    PackageTracking(byte[] history, byte[] encodedState, long staleDeadline, boolean indexed) {
        this.history = history;
        this.encodedState = encodedState;
        this.staleDeadline = staleDeadline;
        this.indexed = indexed;
    }

    /** The latest state, decoded on first use; null before the first accepted snapshot. */
    PackageState state() {
        if (state == null && encodedState != null) {
            state = PackageTrackingSerde.decodeState(encodedState);
        }
        return state;
    }

    void state(PackageState newState) {
        state = newState;
        encodedState = null;
    }

    /** The state in its stored form (encoded on demand; unchanged states are written back without re-encoding). */
    byte[] encodedState() {
        if (encodedState == null && state != null) {
            encodedState = PackageTrackingSerde.encodeState(state);
        }
        return encodedState;
    }

    AlertTracker tracker(String alertKey) {
        AlertRecord r = alerts.get(alertKey);
        return r == null ? AlertTracker.NEW : r.tracker();
    }

    void alert(String alertKey, AlertRecord record) {
        if (record.tracker().equals(AlertTracker.NEW) && record.lastEvent() == null) {
            alerts.remove(alertKey);
        } else {
            alerts.put(alertKey, record);
        }
    }
}
