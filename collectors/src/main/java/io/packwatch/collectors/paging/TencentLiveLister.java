package io.packwatch.collectors.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.tencent.TencentTransport;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.VendorCallException;
import io.packwatch.collectors.vendor.VendorJson;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeLivePackageInfo: for each request PackageType 0, 1 and 2, PageNum 1..TotalPage with PageSize 100
 * (both sent, or the paging is ignored); without TotalPage, until an empty or short page (vendor-spec 5).
 */
public final class TencentLiveLister extends Lister {
    static final int PAGE_SIZE = 100;
    static final int[] PACKAGE_TYPES = {0, 1, 2};
    private final TencentTransport transport;

    public TencentLiveLister(TencentTransport transport) {
        this.transport = transport;
    }

    @Override
    protected void fetchAll(Prefetcher prefetcher, PageSink sink, Progress progress)
            throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException {
        java.util.concurrent.Future<ApiPage> next = prefetcher.start(request(PACKAGE_TYPES[0], 1));
        for (int t = 0; t < PACKAGE_TYPES.length; t++) {
            int type = PACKAGE_TYPES[t];
            for (int pageNum = 1; progress.pages() < MAX_PAGES; pageNum++) {
                ApiPage page = Prefetcher.await(next);
                JsonNode list = PageItems.array(page, "LivePackageInfoList");
                JsonNode totalPage = page.body().get("TotalPage");
                boolean last = list.isEmpty() || (totalPage != null && totalPage.canConvertToInt()
                        ? pageNum >= totalPage.asInt()
                        : list.size() < PAGE_SIZE);
                if (!last) {
                    next = prefetcher.start(request(type, pageNum + 1));
                } else if (t + 1 < PACKAGE_TYPES.length) {
                    next = prefetcher.start(request(PACKAGE_TYPES[t + 1], 1));
                }
                List<FoundItem> items = new ArrayList<>();
                for (JsonNode pkg : list) {
                    String id = PageItems.id(pkg, "Id");
                    if (id == null || id.contains("/")) {
                        progress.problem("MissingPackageId", "an item without a usable Id was skipped", page.requestId());
                    } else {
                        items.add(new FoundItem(pkg, id, null, type));
                    }
                }
                sink.accept(page, items);
                progress.page(items.size());
                if (last) {
                    break;
                }
            }
        }
    }

    private io.packwatch.collectors.vendor.VendorCall request(int type, int pageNum) {
        ObjectNode request = VendorJson.MAPPER.createObjectNode()
                .put("PackageType", type).put("PageNum", pageNum).put("PageSize", PAGE_SIZE);
        return () -> transport.call(request);
    }
}
