package io.packwatch.collectors.run;

import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.ops.CollectorMetrics;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.publish.EnvelopeFactory;
import io.packwatch.collectors.publish.PollContext;
import io.packwatch.collectors.publish.RawPublisher;
import io.packwatch.collectors.retry.Backoff;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collector (one vendor API): a cycle polls every account/region in parallel (bounded by {@code concurrency});
 * one target's failure never stops the others. Stopping is two-stage: {@link #requestStop()} starts no new request,
 * {@link #abandon()} also stops waiting for the broker.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final CollectorConfig config;
    private final List<PollTarget> targets;
    private final RawPublisher publisher;
    private final EnvelopeFactory envelopes;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final ExecutorService pool;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean abandoning;

    Collector(CollectorConfig config, List<PollTarget> targets, RawPublisher publisher, EnvelopeFactory envelopes,
              CollectorMetrics metrics, Clock clock, AtomicBoolean abandoning) {
        this.config = config;
        this.targets = List.copyOf(targets);
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.metrics = metrics;
        this.clock = clock;
        this.abandoning = abandoning;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.min(config.concurrency(), Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, "collect-" + config.api().id() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public VendorApi api() {
        return config.api();
    }

    public CollectorConfig config() {
        return config;
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    /** Runs one full cycle and returns when every account/region has published its summary (or was abandoned). */
    public CycleReport runCycle() throws InterruptedException {
        Instant started = clock.instant();
        List<Future<PollResult>> futures = new ArrayList<>();
        List<PollContext> contexts = new ArrayList<>();
        for (PollTarget target : targets) {
            String keyRegion = target.region().isEmpty() ? "-" : target.region();
            PollContext ctx = new PollContext(config.api(), target.account(), target.region(),
                    PollIds.next(config.api(), target.account(), keyRegion, started));
            contexts.add(ctx);
            PacedRetryingCaller caller = new PacedRetryingCaller(target.bucket(), config.retry().maxAttempts(),
                    new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
                    d -> Thread.sleep(d.toMillis()), stopping::get, metrics.callListener(target.account()));
            RegionPoll poll = new RegionPoll(target, caller, publisher, envelopes, metrics, clock);
            futures.add(pool.submit(() -> poll.run(ctx)));
        }
        List<PollResult> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            PollContext ctx = contexts.get(i);
            try {
                results.add(futures.get(i).get());
            } catch (ExecutionException e) {
                // A bug in one poll must not hide the others; the missing summary makes downstream treat it as failed.
                LOG.error("event=poll-crashed api={} account={} region={}", ctx.api().id(), ctx.account(), ctx.keyRegion(), e.getCause());
                results.add(new PollResult(ctx.account(), ctx.keyRegion(), ctx.pollId(), false, false, 0, 0,
                        List.of(new IncompleteReason("CollectorError", String.valueOf(e.getCause()), null))));
            }
        }
        Duration duration = Duration.between(started, clock.instant());
        CycleReport report = new CycleReport(results, duration);
        metrics.cycleFinished(duration, report.complete());
        LOG.info("event=cycle-finished api={} complete={} abandoned={} polls={} pages={} packages={} durationMs={}",
                config.api().id(), report.complete(), report.abandoned(), results.size(), report.pages(), report.packages(),
                duration.toMillis());
        return report;
    }

    /** No new vendor request starts after this; running polls finish their current page and publish their summary. */
    public void requestStop() {
        stopping.set(true);
    }

    public boolean stopping() {
        return stopping.get();
    }

    /** Also stop waiting for broker acknowledgements (the shutdown deadline has passed). */
    public void abandon() {
        stopping.set(true);
        abandoning.set(true);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        publisher.close();
    }
}
