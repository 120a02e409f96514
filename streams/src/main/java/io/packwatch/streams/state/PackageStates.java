package io.packwatch.streams.state;

import io.packwatch.schema.ForecastMethod;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.streams.forecast.Forecast;
import io.packwatch.streams.forecast.Method;
import io.packwatch.streams.forecast.Observation;
import io.packwatch.streams.forecast.PackageHistory;
import java.time.Instant;

/** Converts between the forecast's figures and the Avro {@link PackageState}. */
final class PackageStates {

    private PackageStates() {
    }

    static PackageState build(PackageSnapshot s, PackageHistory h, Forecast f, Instant updatedAt) {
        boolean projected = f.hasProjection();
        return PackageState.newBuilder()
                .setPackageKey(s.getPackageKey())
                .setSnapshot(s)
                .setSegmentId(h.segmentId())
                .setSegmentStartedAt(Instant.ofEpochMilli(h.segmentStartedAt()))
                .setSampleCount(f.sampleCount())
                .setPercentUsed(f.percentUsed())
                .setRateEwmaPerHour(Double.isNaN(f.ewmaRatePerHour()) ? null : f.ewmaRatePerHour())
                .setRateSlopePerHour(Double.isNaN(f.slopeRatePerHour()) ? null : f.slopeRatePerHour())
                .setForecastMethod(avro(f.method()))
                .setProjectedDepletionAt(projected && f.hasDepletion() ? Instant.ofEpochMilli(f.depletionAt()) : null)
                .setProjectedDepletionEarliestAt(instantOrNull(projected, f.depletionEarliestAt()))
                .setProjectedDepletionLatestAt(instantOrNull(projected, f.depletionLatestAt()))
                .setProjectedRemainingAtExpiry(projected && f.remainingAtExpiry() >= 0 ? f.remainingAtExpiry() : null)
                .setTimeToExpiryMillis(f.timeToExpiryMillis() == Observation.NONE ? null : f.timeToExpiryMillis())
                .setConfidence(f.confidence())
                .setStale(false)
                .setUpdatedAt(updatedAt)
                .build();
    }

    /** The forecast's estimator as the Avro schemas name it. */
    static ForecastMethod avro(Method method) {
        return switch (method) {
            case EWMA -> ForecastMethod.EWMA;
            case LEAST_SQUARES -> ForecastMethod.LEAST_SQUARES;
            case NONE -> ForecastMethod.NONE;
        };
    }

    /** The estimator an Avro record names; NONE for one this build does not know. */
    static Method method(ForecastMethod method) {
        return switch (method) {
            case EWMA -> Method.EWMA;
            case LEAST_SQUARES -> Method.LEAST_SQUARES;
            default -> Method.NONE;
        };
    }

    private static Instant instantOrNull(boolean projected, long epochMillis) {
        return projected && epochMillis != Observation.NONE ? Instant.ofEpochMilli(epochMillis) : null;
    }

    private static long millisOrNone(Instant at) {
        return at == null ? Observation.NONE : at.toEpochMilli();
    }

    /** The forecast figures a state carries, for alert events raised without a new snapshot (STALE). */
    static Forecast forecastOf(PackageState st) {
        Method method = method(st.getForecastMethod());
        double ewma = st.getRateEwmaPerHour() == null ? Double.NaN : st.getRateEwmaPerHour();
        double slope = st.getRateSlopePerHour() == null ? Double.NaN : st.getRateSlopePerHour();
        double rate = method == Method.EWMA ? ewma : method == Method.LEAST_SQUARES ? slope : Double.NaN;
        // the rate the projection used is not in the state: the slope or EWMA stands in (alert events of STALE only)
        return new Forecast(ewma, slope, method, rate, millisOrNone(st.getProjectedDepletionAt()),
                millisOrNone(st.getProjectedDepletionEarliestAt()), millisOrNone(st.getProjectedDepletionLatestAt()),
                st.getProjectedRemainingAtExpiry() == null ? -1 : st.getProjectedRemainingAtExpiry(),
                st.getTimeToExpiryMillis() == null ? Observation.NONE : st.getTimeToExpiryMillis(),
                st.getPercentUsed(), st.getSampleCount(), st.getConfidence(), false);
    }
}
