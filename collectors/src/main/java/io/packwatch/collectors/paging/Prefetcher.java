package io.packwatch.collectors.paging;

import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.VendorCall;
import io.packwatch.collectors.vendor.VendorCallException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fetches the next page while the current one is being published, so a listing runs at the paced rate even when
 * publishing a page (up to 1000 Baidu items) takes a good part of the pacing interval. Pages still reach the sink
 * in order, one listing at a time; the bucket paces the prefetch like any other request.
 */
final class Prefetcher implements AutoCloseable {
    private final PacedRetryingCaller caller;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, Thread.currentThread().getName() + "-prefetch");
        t.setDaemon(true);
        return t;
    });

    Prefetcher(PacedRetryingCaller caller) {
        this.caller = caller;
    }

    Future<ApiPage> start(VendorCall call) {
        return executor.submit(() -> caller.call(call));
    }

    /** The page, or the failure the fetch ended with. */
    static ApiPage await(Future<ApiPage> next)
            throws VendorCallException, InterruptedException, PacedRetryingCaller.StoppedException {
        try {
            return next.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VendorCallException v) {
                throw v;
            }
            if (cause instanceof PacedRetryingCaller.StoppedException s) {
                throw s;
            }
            if (cause instanceof InterruptedException i) {
                throw i;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
