package io.packwatch.collectors.paging;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.collectors.baidu.BaiduEipTransport;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.VendorCallException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** GET /v1/eiptp marker chain with maxKeys 1000: while isTruncated, call again with marker=nextMarker (vendor-spec 4.2). */
public final class BaiduEipLister extends Lister {
    static final int MAX_KEYS = 1000;
    private final BaiduEipTransport transport;
    private final int maxKeys;

    public BaiduEipLister(BaiduEipTransport transport) {
        this(transport, MAX_KEYS);
    }

    BaiduEipLister(BaiduEipTransport transport, int maxKeys) {
        this.transport = transport;
        this.maxKeys = maxKeys;
    }

    @Override
    protected void fetchAll(PacedRetryingCaller caller, PageSink sink, Progress progress)
            throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException {
        String marker = null;
        Set<String> seenMarkers = new HashSet<>();
        while (progress.pages() < MAX_PAGES) {
            final String at = marker;
            ApiPage page = caller.call(() -> transport.list(at, maxKeys));
            JsonNode list = PageItems.array(page, "packageList");
            List<FoundItem> items = new ArrayList<>();
            for (JsonNode pkg : list) {
                String id = PageItems.id(pkg, "id");
                if (id == null || id.contains("/")) {
                    progress.problem("MissingPackageId", "an item without a usable id was skipped", page.requestId());
                } else {
                    items.add(new FoundItem(pkg, id, null, null));
                }
            }
            sink.accept(page, items);
            progress.page(items.size());
            if (!page.body().path("isTruncated").asBoolean(false)) {
                return;
            }
            JsonNode next = page.body().get("nextMarker");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                progress.problem("InconsistentPaging", "isTruncated is true but nextMarker is missing", page.requestId());
                return;
            }
            if (!seenMarkers.add(next.asText())) {
                progress.problem("InconsistentPaging", "nextMarker " + next.asText() + " was already used (marker loop)",
                        page.requestId());
                return;
            }
            marker = next.asText();
        }
    }
}
