package io.packwatch.collectors.run;

import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.paging.Lister;

/** One account/region to poll, with the lister that knows its pagination and the account's shared bucket. */
public record PollTarget(String account, String region, Lister lister, TokenBucket bucket) { }
