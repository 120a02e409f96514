package io.packwatch.collectors.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a collector once or as a daemon. Daemon cycles start at a fixed rate on one thread, so they never overlap:
 * a slow cycle delays the next one instead of stacking. Shutdown is bounded.
 */
public final class CollectorRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorRunner.class);

    private final Collector collector;
    private final Cycle cycle;
    private final ReentrantLock cycleLock = new ReentrantLock();
    private final AtomicReference<CycleReport> last = new AtomicReference<>();
    private final AtomicReference<Instant> lastFinished = new AtomicReference<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /** What one cycle runs: the collector's {@link Collector#runCycle()}, or a stand-in in tests. */
    @FunctionalInterface
    interface Cycle {
        CycleReport run() throws InterruptedException;
    }

    public CollectorRunner(Collector collector) {
        this(collector, collector::runCycle);
    }

    /** Test seam: schedules {@code cycle} instead of the collector's own (which needs vendors and a broker). */
    CollectorRunner(Collector collector, Cycle cycle) {
        this.collector = collector;
        this.cycle = cycle;
    }

    public Collector collector() {
        return collector;
    }

    public CycleReport runOnce() throws InterruptedException {
        cycleLock.lockInterruptibly();
        try {
            CycleReport report = cycle.run();
            last.set(report);
            lastFinished.set(Instant.now());
            return report;
        } finally {
            cycleLock.unlock();
        }
    }

    public synchronized void startDaemon() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schedule-" + collector.api().id());
            t.setDaemon(true);
            return t;
        });
        long period = collector.config().pollInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::cycleSafely, 0, period, TimeUnit.MILLISECONDS);
        LOG.info("event=daemon-started api={} pollIntervalMs={}", collector.api().id(), period);
    }

    private void cycleSafely() {
        if (collector.stopping()) {
            return;
        }
        try {
            runOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Keep the schedule alive: the next cycle tries again.
            LOG.error("event=cycle-crashed api={}", collector.api().id(), e);
        }
    }

    public CycleReport lastReport() {
        return last.get();
    }

    public Instant lastFinished() {
        return lastFinished.get();
    }

    public boolean stopping() {
        return collector.stopping();
    }

    /**
     * Stops starting requests, lets the running cycle finish (its summaries say abandoned where it had to stop),
     * abandons waiting for the broker when {@code bound} is over, then flushes and closes the producer.
     * @return true if the running cycle (if any) ended within the bound
     */
    public boolean shutdown(Duration bound) {
        if (closed) {
            return true;
        }
        closed = true;
        collector.requestStop();
        synchronized (this) {
            if (scheduler != null) {
                scheduler.shutdown();
            }
        }
        boolean clean;
        try {
            clean = cycleLock.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!clean) {
                collector.abandon();
                cycleLock.tryLock(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.abandon();
            clean = false;
        }
        collector.close();
        LOG.info("event=collector-stopped api={} clean={}", collector.api().id(), clean);
        return clean;
    }
}
