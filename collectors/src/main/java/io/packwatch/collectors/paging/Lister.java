package io.packwatch.collectors.paging;

import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.vendor.VendorCallException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every package of one account/region for one API, page by page, handing each page to the sink before the
 * next request. A failure stops the listing (the summary says why); items already handed on stay published.
 */
public abstract class Lister {
    protected static final int MAX_PAGES = 100_000;

    /** Fetches all pages; implementations call {@link Progress#page} for each one. */
    protected abstract void fetchAll(Prefetcher prefetcher, PageSink sink, Progress progress)
            throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException;

    public final ListingOutcome list(PacedRetryingCaller caller, PageSink sink) throws InterruptedException {
        Progress progress = new Progress();
        try (Prefetcher prefetcher = new Prefetcher(caller)) {
            fetchAll(prefetcher, sink, progress);
        } catch (VendorCallException e) {
            progress.reasons.add(new IncompleteReason(e.code(), "page " + (progress.pages + 1) + ": " + e.getMessage(), e.requestId()));
        } catch (MalformedPageException e) {
            progress.reasons.add(new IncompleteReason("MalformedResponse", "page " + (progress.pages + 1) + ": " + e.getMessage(), e.requestId()));
        } catch (PacedRetryingCaller.StoppedException e) {
            return new ListingOutcome(progress.pages, progress.packages, List.copyOf(progress.reasons), true);
        }
        return new ListingOutcome(progress.pages, progress.packages, List.copyOf(progress.reasons), false);
    }

    /** Counts pages and items and collects problems that do not stop the listing. */
    protected static final class Progress {
        private int pages;
        private int packages;
        private final List<IncompleteReason> reasons = new ArrayList<>();

        public void page(int items) {
            pages++;
            packages += items;
        }

        public int pages() {
            return pages;
        }

        public void problem(String code, String message, String requestId) {
            reasons.add(new IncompleteReason(code, message, requestId));
        }
    }
}
