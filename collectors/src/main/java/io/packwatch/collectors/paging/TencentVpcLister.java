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

/** DescribeTrafficPackages: Offset/Limit 100 until TotalCount rows (vendor-spec 2.1). */
public final class TencentVpcLister extends Lister {
    static final int LIMIT = 100;
    private final TencentTransport transport;

    public TencentVpcLister(TencentTransport transport) {
        this.transport = transport;
    }

    @Override
    protected void fetchAll(Prefetcher prefetcher, PageSink sink, Progress progress)
            throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException {
        OffsetPaging.run(prefetcher, sink, progress, "TrafficPackageSet", offset -> {
            ObjectNode request = VendorJson.MAPPER.createObjectNode().put("Limit", LIMIT).put("Offset", offset);
            return transport.call(request);
        }, (page, set) -> {
            List<FoundItem> items = new ArrayList<>();
            for (JsonNode pkg : set) {
                String id = PageItems.id(pkg, "TrafficPackageId");
                if (id == null) {
                    progress.problem("MissingPackageId", "an item without TrafficPackageId was skipped", page.requestId());
                } else {
                    items.add(new FoundItem(pkg, id, null, null));
                }
            }
            return items;
        });
    }

    /** Shared by VPC and Lighthouse: both page by Offset/Limit 100 over the entries of one array. */
    static final class OffsetPaging {
        interface PageCall {
            ApiPage fetch(int offset) throws VendorCallException;
        }

        interface Extract {
            List<FoundItem> items(ApiPage page, JsonNode entries) throws MalformedPageException;
        }

        static void run(Prefetcher prefetcher, PageSink sink, Progress progress, String arrayField, PageCall call,
                        Extract extract)
                throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException {
            int offset = 0;
            java.util.concurrent.Future<ApiPage> next = prefetcher.start(() -> call.fetch(0));
            while (progress.pages() < MAX_PAGES) {
                final int at = offset;
                ApiPage page = Prefetcher.await(next);
                long total = PageItems.number(page, "TotalCount");
                JsonNode entries = PageItems.array(page, arrayField);
                List<FoundItem> items = extract.items(page, entries);
                offset += entries.size();
                boolean last = offset >= total || entries.isEmpty();
                if (!last) {
                    final int following = offset;
                    next = prefetcher.start(() -> call.fetch(following));
                }
                sink.accept(page, items);
                progress.page(items.size());
                if (offset >= total) {
                    return;
                }
                if (entries.isEmpty()) {
                    progress.problem("InconsistentPaging", "empty page at offset " + at + " while TotalCount is " + total,
                            page.requestId());
                    return;
                }
            }
        }
    }
}
