package io.packwatch.streams.forecast;

/** What the history did with an offered observation. */
public enum Acceptance {
    /** Extended the current segment. */
    APPLIED,
    /** Opened a new segment (first observation or a reset/renewal/new cycle/new package id). */
    NEW_SEGMENT,
    /** Same observation instant as the latest: ignored. */
    DUPLICATE,
    /** Older than the latest accepted observation: ignored. */
    OUT_OF_ORDER;

    public boolean accepted() {
        return this == APPLIED || this == NEW_SEGMENT;
    }
}
