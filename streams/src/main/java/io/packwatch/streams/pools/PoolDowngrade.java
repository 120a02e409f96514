package io.packwatch.streams.pools;

import io.packwatch.schema.AlertType;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.Severity;
import io.packwatch.streams.alerts.Signal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A package whose pool covers the usage beyond it (the next package in the draw order takes over) is not news for
 * on-call: its DEPLETION_FORECAST and EXHAUSTED go out as INFO, with the pool's overage instant. The package's own
 * state machine tracks the INFO alert, so it escalates as soon as the pool no longer covers it.
 */
public final class PoolDowngrade {

    private PoolDowngrade() {
    }

    public static boolean applies(AlertType type) {
        return type == AlertType.DEPLETION_FORECAST || type == AlertType.EXHAUSTED;
    }

    /** The signal with every severity it states lowered to INFO. */
    public static Signal toInfo(Signal s) {
        if (s.unknown()) {
            return s;
        }
        return new Signal(s.alertKey(), s.type(), s.band(), s.entering() == null ? null : Severity.INFO,
                s.holding() == null ? null : Severity.INFO, false, s.confirmations());
    }

    /** The event with the pool's overage instant ({@code overageStartsAt}, null beyond the horizon) and the reason it is INFO. */
    public static PackageAlert explain(PackageAlert event, String poolKey, Instant overageStartsAt) {
        String until = overageStartsAt == null ? "beyond the projection horizon"
                : "until " + overageStartsAt.truncatedTo(ChronoUnit.SECONDS);
        return PackageAlert.newBuilder(event).setOverageStartsAt(overageStartsAt)
                .setMessage(event.getMessage() + "; the pool " + poolKey + " covers usage " + until).build();
    }
}
