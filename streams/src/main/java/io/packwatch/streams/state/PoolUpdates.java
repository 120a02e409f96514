package io.packwatch.streams.state;

import io.packwatch.schema.ForecastFigures;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PendingSignal;
import io.packwatch.schema.PoolMemberUpdate;
import io.packwatch.streams.alerts.Signal;
import io.packwatch.streams.forecast.Forecast;
import java.time.Instant;
import java.util.List;

/**
 * The state stage's side of the round trip through the pool stage: a pooled package's snapshot goes to its pool with
 * the signals that wait for the pool's verdict and the exact forecast their events state ({@link PoolMemberUpdate}),
 * and comes back with the verdict. The figures travel whole (NaN and {@code Long.MIN_VALUE} included), so an event
 * decided on the way back says exactly what it would have said when the snapshot was read.
 */
final class PoolUpdates {

    private PoolUpdates() {
    }

    static PoolMemberUpdate of(PackageSnapshot s, long decidedAt, Forecast f, List<Signal> awaitingPool) {
        return PoolMemberUpdate.newBuilder()
                .setSnapshot(s)
                .setDecidedAt(Instant.ofEpochMilli(decidedAt))
                .setForecast(ForecastFigures.newBuilder()
                        .setEwmaRatePerHour(f.ewmaRatePerHour())
                        .setSlopeRatePerHour(f.slopeRatePerHour())
                        .setMethod(PackageStates.avro(f.method()))
                        .setRatePerHour(f.ratePerHour())
                        .setDepletionAt(f.depletionAt())
                        .setDepletionEarliestAt(f.depletionEarliestAt())
                        .setDepletionLatestAt(f.depletionLatestAt())
                        .setRemainingAtExpiry(f.remainingAtExpiry())
                        .setTimeToExpiryMillis(f.timeToExpiryMillis())
                        .setPercentUsed(f.percentUsed())
                        .setSampleCount(f.sampleCount())
                        .setConfidence(f.confidence())
                        .setWeekly(f.weekly())
                        .build())
                .setSignals(awaitingPool.stream().map(PoolUpdates::pending).toList())
                .setVerdict(null)
                .build();
    }

    static Forecast forecast(ForecastFigures f) {
        return new Forecast(f.getEwmaRatePerHour(), f.getSlopeRatePerHour(), PackageStates.method(f.getMethod()),
                f.getRatePerHour(),
                f.getDepletionAt(), f.getDepletionEarliestAt(), f.getDepletionLatestAt(), f.getRemainingAtExpiry(),
                f.getTimeToExpiryMillis(), f.getPercentUsed(), f.getSampleCount(), f.getConfidence(), f.getWeekly());
    }

    static Signal signal(PendingSignal p) {
        return new Signal(p.getAlertKey(), p.getType(), p.getBand(), p.getEntering(), p.getHolding(), p.getUnknown(),
                p.getConfirmations());
    }

    private static PendingSignal pending(Signal s) {
        return PendingSignal.newBuilder().setAlertKey(s.alertKey()).setType(s.type()).setBand(s.band())
                .setEntering(s.entering()).setHolding(s.holding()).setUnknown(s.unknown())
                .setConfirmations(s.confirmations()).build();
    }
}
