package io.packwatch.streams.pools;

import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.schema.PoolState;
import io.packwatch.streams.alerts.AlertKeys;

/** What the pool stage writes; each kind names its sink, as the state stage's outputs do. */
sealed interface PoolOutput {
    String STATE_SINK = "packwatch-pool-state-sink";
    String DEPLETION_SINK = "packwatch-pool-alerts-depletion-sink";
    String EXPIRY_SINK = "packwatch-pool-alerts-expiry-sink";
    String VERDICT_SINK = "packwatch-pool-verdicts-sink";

    String sink();

    /** A pool's state; null (a tombstone) once its last member left. */
    record State(PoolState state) implements PoolOutput {
        @Override
        public String sink() {
            return STATE_SINK;
        }
    }

    /** A member's update with the pool's verdict on its waiting signals, back to its package (keyed by package key). */
    record Verdict(PoolMemberUpdate update) implements PoolOutput {
        @Override
        public String sink() {
            return VERDICT_SINK;
        }
    }

    record Alert(PackageAlert alert, String sink) implements PoolOutput {
        static Alert of(PackageAlert alert) {
            return new Alert(alert, AlertKeys.isExpiryTopic(alert.getType()) ? EXPIRY_SINK : DEPLETION_SINK);
        }
    }
}
