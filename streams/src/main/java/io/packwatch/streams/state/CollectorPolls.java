package io.packwatch.streams.state;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The collectors' heartbeat, {@value #NAME}: per scope ({@code api/account/region/}, the package key prefix), the
 * start time (collector clock) of the latest poll whose summary this task has read. A summary is written to every
 * partition after all of its poll's package records were acknowledged, so when a task reads it, every snapshot of that
 * poll on the task's partitions is already processed. STALE is judged against this time, not the wall clock: a package
 * is stale when its own collector finished a poll that started more than the stale period after the package's last
 * observation without refreshing it. An outage of the broker or of this app delays summaries and snapshots alike, so it
 * never makes a package look stale.
 */
public final class CollectorPolls {

    public static final String NAME = "packwatch-collector-polls";

    private CollectorPolls() {
    }

    /** Adds the store, connected to the state stage's {@code processors}: one writes it (summaries), one reads it (stale checks). */
    static void addTo(Topology topology, String... processors) {
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), Serdes.Long()),
                processors);
    }

    public static KeyValueStore<String, Long> of(ProcessorContext<?, ?> context) {
        return context.getStateStore(NAME);
    }

    /** Records a poll of {@code scope} that started at {@code startedAtMillis}; an older (reordered) one changes nothing. */
    public static void polled(KeyValueStore<String, Long> store, String scope, long startedAtMillis) {
        Long known = store.get(scope);
        if (known == null || known < startedAtMillis) {
            store.put(scope, startedAtMillis);
        }
    }
}
