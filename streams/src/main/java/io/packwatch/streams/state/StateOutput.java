package io.packwatch.streams.state;

import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.streams.alerts.AlertKeys;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the state stage writes. Each kind names the sink it goes to, and the processor forwards it straight there
 * ({@code context.forward(record, output.sink())}); each sink's serializer takes only its kind ({@link #unwrapping}), so
 * nothing downstream tells kinds apart.
 */
sealed interface StateOutput {
    String PACKAGES_SINK = "packwatch-packages-sink";
    String STATE_SINK = "packwatch-package-state-sink";
    String EXPIRY_SINK = "packwatch-alerts-expiry-sink";
    String DEPLETION_SINK = "packwatch-alerts-depletion-sink";
    String POOL_MEMBERS_SINK = "packwatch-pool-members-sink";

    /** The name of the sink node this output goes to. */
    String sink();

    /** Every snapshot the stage reads, accepted or not, and the DELETED ones it derives: to {@code packwatch.packages}. */
    record Snapshot(PackageSnapshot snapshot) implements StateOutput {
        @Override
        public String sink() {
            return PACKAGES_SINK;
        }
    }

    /** A package's state, already encoded by the package-state topic's serde ({@link StateCodec}). */
    record State(byte[] wire) implements StateOutput {
        @Override
        public String sink() {
            return STATE_SINK;
        }
    }

    /**
     * An accepted snapshot of a pooled package with the signals that wait for its pool's verdict, to
     * {@code packwatch.pool-members} keyed by its pool key.
     */
    record PoolMember(PoolMemberUpdate update) implements StateOutput {
        @Override
        public String sink() {
            return POOL_MEMBERS_SINK;
        }
    }

    /** An alert transition, to the expiry or the depletion topic by its type. */
    record Alert(PackageAlert alert, String sink) implements StateOutput {
        static Alert of(PackageAlert alert) {
            return new Alert(alert, AlertKeys.isExpiryTopic(alert.getType()) ? EXPIRY_SINK : DEPLETION_SINK);
        }
    }

    /** A sink's value serializer: {@code inner} applied to what {@code unwrap} takes out of the sink's kind. */
    static <W extends StateOutput, V> Serializer<W> unwrapping(Serializer<V> inner, Function<W, V> unwrap) {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, W value) {
                return inner.serialize(topic, value == null ? null : unwrap.apply(value));
            }

            @Override
            public byte[] serialize(String topic, Headers headers, W value) {
                return inner.serialize(topic, headers, value == null ? null : unwrap.apply(value));
            }
        };
    }
}
