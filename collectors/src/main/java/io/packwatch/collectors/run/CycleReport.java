package io.packwatch.collectors.run;

import java.time.Duration;
import java.util.List;

/** One poll cycle of one collector. */
public record CycleReport(List<PollResult> polls, Duration duration) {
    public boolean complete() {
        return !polls.isEmpty() && polls.stream().allMatch(PollResult::complete);
    }

    public boolean abandoned() {
        return polls.stream().anyMatch(PollResult::abandoned);
    }

    public int packages() {
        return polls.stream().mapToInt(PollResult::packages).sum();
    }

    public int pages() {
        return polls.stream().mapToInt(PollResult::pages).sum();
    }
}
