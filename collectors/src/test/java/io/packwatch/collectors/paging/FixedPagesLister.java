package io.packwatch.collectors.paging;

import io.packwatch.collectors.vendor.ApiPage;
import java.util.List;
import java.util.Map;

/** A lister that hands fixed pages to the sink without calling a vendor (tests of what happens after listing). */
public final class FixedPagesLister extends Lister {
    private final Map<ApiPage, List<FoundItem>> pages;

    public FixedPagesLister(Map<ApiPage, List<FoundItem>> pages) {
        this.pages = pages;
    }

    @Override
    protected void fetchAll(Prefetcher prefetcher, PageSink sink, Progress progress) throws InterruptedException {
        for (Map.Entry<ApiPage, List<FoundItem>> page : pages.entrySet()) {
            sink.accept(page.getKey(), page.getValue());
            progress.page(page.getValue().size());
        }
    }
}
