package io.packwatch.streams.forecast;

/** Which estimator a forecast is based on (mirrors the Avro ForecastMethod enum). */
public enum Method {
    NONE,
    EWMA,
    LEAST_SQUARES
}
