package io.packwatch.collectors.paging;

import java.util.List;

/** How one account/region listing went. Complete only if every page was fetched and nothing was abandoned. */
public record ListingOutcome(int pages, int packages, List<IncompleteReason> reasons, boolean abandoned) {
    public boolean complete() {
        return reasons.isEmpty() && !abandoned;
    }
}
