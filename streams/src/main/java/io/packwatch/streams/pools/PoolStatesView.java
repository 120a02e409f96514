package io.packwatch.streams.pools;

import io.packwatch.schema.PoolState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the global pool-state store for the per-package alerts: the {@link PoolCoverage} of a snapshot's pool.
 * Decoding a pool state costs far more than comparing its bytes, and a pool changes once per member snapshot while
 * every member's snapshot asks for it, so the last decoded coverage of each pool is kept (bounded, least recently
 * used first out) and reused while the stored bytes are unchanged. One per processor instance (not thread-safe).
 */
public final class PoolStatesView {

    private static final int CACHED_POOLS = 1024;

    private final Deserializer<PoolState> states;
    private final String topic;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHED_POOLS;
        }
    };

    public PoolStatesView(Deserializer<PoolState> states, String topic) {
        this.states = states;
        this.topic = topic;
    }

    /** The coverage of the pool {@code poolKey}; empty while it has no state yet. */
    public Optional<PoolCoverage> coverage(ReadOnlyKeyValueStore<String, byte[]> store, String poolKey) {
        byte[] bytes = store.get(poolKey);
        if (bytes == null) {
            cache.remove(poolKey);
            return Optional.empty();
        }
        Cached cached = cache.get(poolKey);
        if (cached == null || !Arrays.equals(cached.bytes, bytes)) {
            cached = new Cached(bytes, PoolCoverage.of(states.deserialize(topic, bytes)));
            cache.put(poolKey, cached);
        }
        return Optional.of(cached.coverage);
    }

    private record Cached(byte[] bytes, PoolCoverage coverage) {
    }
}
