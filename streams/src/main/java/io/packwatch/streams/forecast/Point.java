package io.packwatch.streams.forecast;

/** One accepted sample: observation instant (epoch ms) and the used amount. */
public record Point(long at, long used) {
}
