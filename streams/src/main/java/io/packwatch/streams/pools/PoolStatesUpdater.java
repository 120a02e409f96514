package io.packwatch.streams.pools;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store {@value PoolTopology#POOL_STATES_STORE} from the compacted pool-state topic: pool key → the
 * record's bytes verbatim (a tombstone deletes). Verbatim, so the store is the same whether Kafka Streams restores it
 * through this processor or straight from the topic.
 */
final class PoolStatesUpdater implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(PoolTopology.POOL_STATES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
