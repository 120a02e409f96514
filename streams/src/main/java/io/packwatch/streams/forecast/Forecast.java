package io.packwatch.streams.forecast;

/**
 * Rates and projection for one package at its latest observation.
 *
 * @param ewmaRatePerHour     EWMA rate per drawable hour, NaN when not available
 * @param slopeRatePerHour    robust regression slope per drawable hour, NaN when not available
 * @param method              estimator behind the projection; NONE before the minimum history
 * @param ratePerHour         the rate the projection used at the latest observation (NaN with NONE)
 * @param depletionAt         projected depletion instant (epoch ms), {@link Observation#NONE} when not projected;
 *                            the observation instant when already depleted
 * @param depletionEarliestAt P10 of the depletion instant (the rate's upper bound), {@link Observation#NONE} when
 *                            {@code depletionAt} is
 * @param depletionLatestAt   P90 of the depletion instant (the rate's lower bound), {@link Observation#NONE} when
 *                            it lies beyond the projection horizon or the rate is too uncertain to bound it
 * @param remainingAtExpiry   projected amount left at expiry (waste), -1 when unknown
 * @param timeToExpiryMillis  expiry - observation instant, {@link Observation#NONE} without expiry
 * @param percentUsed         used / capacity * 100
 * @param sampleCount         samples in the current segment
 * @param confidence          in [0,1]
 * @param weekly              whether the projection follows a weekday/weekend profile
 */
public record Forecast(
        double ewmaRatePerHour,
        double slopeRatePerHour,
        Method method,
        double ratePerHour,
        long depletionAt,
        long depletionEarliestAt,
        long depletionLatestAt,
        long remainingAtExpiry,
        long timeToExpiryMillis,
        double percentUsed,
        int sampleCount,
        double confidence,
        boolean weekly) {

    public boolean hasProjection() {
        return method != Method.NONE;
    }

    public boolean hasDepletion() {
        return depletionAt != Observation.NONE;
    }

    public boolean hasBracket() {
        return depletionEarliestAt != Observation.NONE && depletionLatestAt != Observation.NONE;
    }
}
