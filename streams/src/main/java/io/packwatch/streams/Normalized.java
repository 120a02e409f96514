package io.packwatch.streams;

import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.dlq.DeadLetter;

/**
 * Result of normalizing one raw record, carried as a value so errors flow as a stream of their own (the
 * "error as value" pattern of bakdata's streams-bootstrap) and are split off to the DLQ rather than thrown.
 */
public sealed interface Normalized {

    record Ok(PackageSnapshot snapshot) implements Normalized {
    }

    record Failed(DeadLetter deadLetter) implements Normalized {
    }
}
