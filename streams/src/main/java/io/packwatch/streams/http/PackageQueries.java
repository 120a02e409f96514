package io.packwatch.streams.http;

import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PoolState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The one port through which the HTTP API reads the app's state: the state stage implements it over the stores it
 * owns, and the app wires the two together. Reads are of this instance's stores; which instance answers what is the
 * HTTP side's to decide ({@link Peers}). Reads may throw {@link org.apache.kafka.streams.errors.InvalidStateStoreException}
 * while the stores are not queryable (starting, rebalancing).
 */
public interface PackageQueries {

    /** Where {@code packageKey} lives; null or {@link KeyQueryMetadata#NOT_AVAILABLE} while that is not known yet. */
    KeyQueryMetadata ownerOf(String packageKey);

    /** Every instance that holds part of the state, this one included. */
    Collection<HostInfo> instances();

    /** The latest snapshot of {@code packageKey} in this instance's {@code partition}, null if there is none. */
    PackageSnapshot latest(String packageKey, int partition);

    /** Every latest snapshot this instance holds (all its partitions). */
    void forEachLatest(BiConsumer<String, PackageSnapshot> action);

    /** What {@code GET /packages/{key}} adds to the snapshot on the key's owner: its {@code state} and active {@code alerts}. */
    Map<String, Object> details(String packageKey);

    /**
     * This instance's active (FIRING) alerts as JSON objects, in alert-key order, filtered by the request's {@code type},
     * {@code severity} and {@code package} (key prefix) parameters.
     *
     * @throws BadParameter for a type or severity that does not exist
     */
    List<Map<String, Object>> firingAlerts(Map<String, String> query);

    /** The state of pool {@code poolKey}, null if there is none. Every instance holds every pool (a global store). */
    PoolState pool(String poolKey);

    /** Every pool state this instance holds (all of them), in no particular order. */
    void forEachPool(BiConsumer<String, PoolState> action);

    /** The state of the pool {@code snapshot}'s package belongs to; null when it has none (Lighthouse) or none yet. */
    PoolState poolOf(PackageSnapshot snapshot);
}
