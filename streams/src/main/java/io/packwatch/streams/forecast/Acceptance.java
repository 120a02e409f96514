package io.packwatch.streams.forecast;

/** What the history did with an offered observation. */
public enum Acceptance {
    /** Extended the current segment. */
    APPLIED,
    /** Opened a new segment (first observation or a reset/renewal/new cycle/new package id). */
    NEW_SEGMENT,
    /**
     * A large drop of used not yet confirmed as a reset: held back from the segment. Accepted (the snapshot is the
     * package's latest), but the forecast still comes from the segment as it was.
     */
    HELD,
    /** Same observation instant as the latest: ignored. */
    DUPLICATE,
    /** Older than the latest accepted observation: ignored. */
    OUT_OF_ORDER;

    public boolean accepted() {
        return this == APPLIED || this == NEW_SEGMENT || this == HELD;
    }
}
