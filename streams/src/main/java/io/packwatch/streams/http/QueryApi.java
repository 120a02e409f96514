package io.packwatch.streams.http;

import org.apache.kafka.streams.state.HostInfo;

/** The query routes ({@code /packages}, {@code /alerts}, {@code /pools}) over one {@link PackageQueries} port, for the app to wire. */
public final class QueryApi {
    private QueryApi() {
    }

    /** @param self the address this instance advertises as {@code application.server} */
    public static void register(Router router, PackageQueries queries, HostInfo self) {
        Peers peers = new Peers(self);
        new PackagesResource(queries, peers).register(router);
        new AlertsResource(queries, peers).register(router);
        new PoolsResource(queries, peers).register(router);
    }
}
