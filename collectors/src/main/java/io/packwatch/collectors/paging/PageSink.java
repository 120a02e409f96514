package io.packwatch.collectors.paging;

import io.packwatch.collectors.vendor.ApiPage;
import java.util.List;

/** Receives each page's items as soon as the page is fetched (the publisher). */
@FunctionalInterface
public interface PageSink {
    void accept(ApiPage page, List<FoundItem> items) throws InterruptedException;
}
