package io.packwatch.streams.state;

import io.packwatch.core.topics.TopicSpec;
import io.packwatch.schema.PackageState;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The package-state topic's own value serde, used once per state: the bytes it writes go both to the topic (through
 * a byte-array sink) and into the package's tracking record, so a state is Avro-encoded once, not twice (the
 * state carries the whole snapshot, the largest encoding per record; see docs/benchmarks.md).
 */
record StateCodec(String topic, Serializer<PackageState> serializer, Deserializer<PackageState> deserializer) {

    static StateCodec of(TopicSpec<String, PackageState> spec) {
        return new StateCodec(spec.name(), spec.valueSerde().serializer(), spec.valueSerde().deserializer());
    }

    byte[] encode(PackageState state) {
        return serializer.serialize(topic, state);
    }

    PackageState decode(byte[] wire) {
        return deserializer.deserialize(topic, wire);
    }
}
