package io.packwatch.collectors.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.tencent.TencentTransport;
import io.packwatch.collectors.vendor.VendorCallException;
import io.packwatch.collectors.vendor.VendorJson;
import java.util.ArrayList;
import java.util.List;

/** DescribeInstancesTrafficPackages: Offset/Limit 100 over instance entries, each holding its packages (vendor-spec 3). */
public final class TencentLighthouseLister extends Lister {
    static final int LIMIT = 100;
    private final TencentTransport transport;

    public TencentLighthouseLister(TencentTransport transport) {
        this.transport = transport;
    }

    @Override
    protected void fetchAll(Prefetcher prefetcher, PageSink sink, Progress progress)
            throws VendorCallException, MalformedPageException, InterruptedException, PacedRetryingCaller.StoppedException {
        TencentVpcLister.OffsetPaging.run(prefetcher, sink, progress, "InstanceTrafficPackageSet", offset -> {
            ObjectNode request = VendorJson.MAPPER.createObjectNode().put("Limit", LIMIT).put("Offset", offset);
            return transport.call(request);
        }, (page, instances) -> {
            List<FoundItem> items = new ArrayList<>();
            for (JsonNode instance : instances) {
                String instanceId = PageItems.id(instance, "InstanceId");
                JsonNode packages = instance.get("TrafficPackageSet");
                if (instanceId == null || instanceId.contains("/")) {
                    progress.problem("MissingInstanceId", "an instance entry without a usable InstanceId was skipped",
                            page.requestId());
                    continue;
                }
                if (packages == null || packages.isNull()) {
                    continue;
                }
                if (!packages.isArray()) {
                    throw new MalformedPageException("TrafficPackageSet of " + instanceId + " is not an array", page.requestId());
                }
                for (JsonNode pkg : packages) {
                    String id = PageItems.id(pkg, "TrafficPackageId");
                    if (id == null) {
                        progress.problem("MissingPackageId", "a package of " + instanceId + " without TrafficPackageId was skipped",
                                page.requestId());
                    } else {
                        items.add(new FoundItem(pkg, id, instanceId, null));
                    }
                }
            }
            return items;
        });
    }
}
