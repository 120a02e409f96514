package io.packwatch.core.envelope;

import java.time.Instant;
import java.util.List;

/**
 * The {@code summary} of a {@code type=poll-summary} envelope: how one poll cycle of an account/region went. Only
 * {@code complete} and {@code startedAt} are required to read one (they decide what is marked gone and when the scope
 * was last polled); the other fields are reported as written, null where a record lacks them or holds another type.
 *
 * @param complete          every page of every listing was fetched and published: only then may packages be marked gone
 * @param incompleteReasons why the cycle is incomplete, empty when it is complete
 */
public record PollSummary(
        boolean complete,
        Integer packagesSeen,
        Integer pages,
        Instant startedAt,
        Instant finishedAt,
        Boolean abandoned,
        List<Reason> incompleteReasons) {

    public PollSummary {
        incompleteReasons = incompleteReasons == null ? List.of() : List.copyOf(incompleteReasons);
    }

    /** One reason a cycle is incomplete: the vendor's error code (or ours), a message, the vendor request id if any. */
    public record Reason(String code, String message, String requestId) {
    }
}
