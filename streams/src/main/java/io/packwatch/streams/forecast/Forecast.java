package io.packwatch.streams.forecast;

/**
 * Rates and projection for one package at its latest observation.
 *
 * @param ewmaRatePerHour     EWMA rate per drawable hour, NaN when not available
 * @param slopeRatePerHour    least-squares slope per drawable hour, NaN when not available
 * @param method              estimator behind the projection; NONE before the minimum history
 * @param ratePerHour         the rate the projection used (NaN with NONE)
 * @param depletionAt         projected depletion instant (epoch ms), {@link Observation#NONE} when not projected;
 *                            the observation instant when already depleted
 * @param remainingAtExpiry   projected amount left at expiry (waste), -1 when unknown
 * @param timeToExpiryMillis  expiry - observation instant, {@link Observation#NONE} without expiry
 * @param percentUsed         used / capacity * 100
 * @param sampleCount         samples in the current segment
 * @param confidence          in [0,1]
 */
public record Forecast(
        double ewmaRatePerHour,
        double slopeRatePerHour,
        Method method,
        double ratePerHour,
        long depletionAt,
        long remainingAtExpiry,
        long timeToExpiryMillis,
        double percentUsed,
        int sampleCount,
        double confidence) {

    public boolean hasProjection() {
        return method != Method.NONE;
    }

    public boolean hasDepletion() {
        return depletionAt != Observation.NONE;
    }
}
