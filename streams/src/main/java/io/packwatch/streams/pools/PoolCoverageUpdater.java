package io.packwatch.streams.pools;

import io.packwatch.schema.PoolState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global coverage store from the compacted pool-state topic: pool key → {@link PoolCoverage}. */
final class PoolCoverageUpdater implements Processor<String, PoolState, Void, Void> {

    private KeyValueStore<String, String> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(PoolTopology.COVERAGE_STORE);
    }

    @Override
    public void process(Record<String, PoolState> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), PoolCoverage.of(record.value()).encode());
        }
    }
}
