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
    protected void fetchAll(Prefetcher prefetcher, PageSink sink, Progress progress)
            throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException {
        Set<String> seenMarkers = new HashSet<>();
        java.util.concurrent.Future<ApiPage> next = prefetcher.start(() -> transport.list(null, maxKeys));
        while (progress.pages() < MAX_PAGES) {
            ApiPage page = Prefetcher.await(next);
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
            String problem = null;
            JsonNode nextMarker = page.body().get("nextMarker");
            boolean truncated = page.body().path("isTruncated").asBoolean(false);
            if (truncated && (nextMarker == null || nextMarker.isNull() || nextMarker.asText().isEmpty())) {
                problem = "isTruncated is true but nextMarker is missing";
            } else if (truncated && !seenMarkers.add(nextMarker.asText())) {
                problem = "nextMarker " + nextMarker.asText() + " was already used (marker loop)";
            } else if (truncated) {
                String marker = nextMarker.asText();
                next = prefetcher.start(() -> transport.list(marker, maxKeys));
            }
            sink.accept(page, items);
            progress.page(items.size());
            if (problem != null) {
                progress.problem("InconsistentPaging", problem, page.requestId());
                return;
            }
            if (!truncated) {
                return;
            }
        }
    }
}
