package io.packwatch.core.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serde for one generated Avro class over the Confluent Schema Registry wire format. */
public class SpecificAvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    public SpecificAvroSerde(Class<T> type) {
        super(new SpecificAvroSerializer<>(), new SpecificAvroDeserializer<>(type));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer().configure(configs, isKey);
        deserializer().configure(configs, isKey);
    }

    /** A serde already configured for values with the given serde config. */
    public static <T extends SpecificRecord> Serde<T> forValues(Class<T> type, Map<String, ?> configs) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(configs, false);
        return serde;
    }
}
