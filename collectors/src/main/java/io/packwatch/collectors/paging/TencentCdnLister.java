package io.packwatch.collectors.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.tencent.TencentTransport;
import io.packwatch.collectors.vendor.VendorCallException;
import io.packwatch.collectors.vendor.VendorJson;
import java.util.ArrayList;
import java.util.List;

/**
 * CDN DescribeTrafficPackages (2018-06-06): account-wide, Offset/Limit at the documented maximum of 1000 until
 * TotalCount rows (vendor-spec 12). Sorted by creation time, oldest first: new purchases land on the last page, so
 * a purchase during a listing cannot shift a package out of the pages already read (the default sort, by expiry,
 * moves renewed packages).
 */
public final class TencentCdnLister extends Lister {
    static final int LIMIT = 1000;
    static final String SORT_BY = "createTimeAsc";
    private final TencentTransport transport;

    public TencentCdnLister(TencentTransport transport) {
        this.transport = transport;
    }

    @Override
    protected void fetchAll(Prefetcher prefetcher, PageSink sink, Progress progress)
            throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException {
        TencentVpcLister.OffsetPaging.run(prefetcher, sink, progress, "TrafficPackages", offset -> {
            ObjectNode request = VendorJson.MAPPER.createObjectNode().put("Offset", offset).put("Limit", LIMIT).put("SortBy", SORT_BY);
            return transport.call(request);
        }, (page, packages) -> {
            List<FoundItem> items = new ArrayList<>();
            for (JsonNode pkg : packages) {
                String id = PageItems.id(pkg, "Id");
                if (id == null || id.contains("/")) {
                    progress.problem("MissingPackageId", "an item without a usable Id was skipped", page.requestId());
                } else {
                    items.add(new FoundItem(pkg, id, null, null));
                }
            }
            return items;
        });
    }
}
