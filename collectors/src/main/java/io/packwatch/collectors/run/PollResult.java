package io.packwatch.collectors.run;

import io.packwatch.collectors.paging.IncompleteReason;
import java.util.List;

/** How one account/region poll of a cycle ended, as written in its summary. */
public record PollResult(String account, String region, String pollId, boolean complete, boolean abandoned,
                         int pages, int packages, List<IncompleteReason> reasons) { }
