package io.packwatch.streams;

import io.packwatch.core.envelope.RawEnvelope;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.dlq.DeadLetter;

/**
 * What the normalize stage makes of one raw record. Each kind goes to its own named node (errors are values, the
 * "error as value" pattern of bakdata's streams-bootstrap, routed to the DLQ rather than thrown): the stage forwards
 * each to the node named for it, so no node downstream tells kinds apart.
 */
public sealed interface Normalized {

    /** A package's snapshot, keyed by its package key: to the state stage. */
    record Snapshot(PackageSnapshot snapshot) implements Normalized {
    }

    /** A poll-cycle summary ({@code type=poll-summary}): to the state stage, which marks gone what the poll did not see. */
    record PollDone(RawEnvelope summary) implements Normalized {
    }

    /** A record that cannot be read: to the DLQ. */
    record Failed(DeadLetter deadLetter) implements Normalized {
    }
}
