package io.packwatch.collectors.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.ops.OpsServer;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.vendor.VendorJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Java API for hosting one or several collectors in one JVM (the CLI hosts one, the local run all four):
 * one metrics registry and one health/metrics endpoint for all of them.
 */
public final class CollectorHost implements AutoCloseable {
    private final List<CollectorRunner> runners = new ArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OpsServer ops;
    private volatile boolean stopping;
    static final int SILENT_INTERVALS = 3;

    /** @param opsPort null for no HTTP endpoint, 0 for a free port */
    public CollectorHost(List<CollectorConfig> configs, Integer opsPort, String opsHost) {
        for (CollectorConfig config : configs) {
            runners.add(new CollectorRunner(CollectorFactory.create(config, registry)));
        }
        try {
            ops = opsPort == null ? null : new OpsServer(opsHost, opsPort, registry, this::health);
        } catch (IOException e) {
            runners.forEach(r -> r.shutdown(Duration.ofSeconds(1)));
            throw new UncheckedIOException("cannot start the health/metrics endpoint on " + opsHost + ":" + opsPort, e);
        }
    }

    /** Hosts one collector with the endpoint its config asks for. */
    public static CollectorHost of(CollectorConfig config) {
        return new CollectorHost(List.of(config), config.opsPort(), config.opsHost());
    }

    public List<CollectorRunner> runners() {
        return List.copyOf(runners);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The bound port of the health/metrics endpoint, or -1 without one. */
    public int opsPort() {
        return ops == null ? -1 : ops.port();
    }

    public void startDaemons() {
        runners.forEach(CollectorRunner::startDaemon);
    }

    /** One cycle of every hosted collector, in parallel. */
    public Map<VendorApi, CycleReport> runOnce() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(runners.size());
        try {
            Map<VendorApi, Future<CycleReport>> futures = new LinkedHashMap<>();
            for (CollectorRunner r : runners) {
                futures.put(r.collector().api(), pool.submit(r::runOnce));
            }
            Map<VendorApi, CycleReport> reports = new LinkedHashMap<>();
            for (Map.Entry<VendorApi, Future<CycleReport>> e : futures.entrySet()) {
                try {
                    reports.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    throw new IllegalStateException("collector " + e.getKey().id() + " failed", ex.getCause());
                }
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stops every collector within about {@code bound} (they stop in parallel). */
    public boolean shutdown(Duration bound) {
        stopping = true;
        List<Thread> threads = new ArrayList<>();
        boolean[] clean = new boolean[runners.size()];
        for (int i = 0; i < runners.size(); i++) {
            int idx = i;
            Thread t = new Thread(() -> clean[idx] = runners.get(idx).shutdown(bound), "stop-" + runners.get(i).collector().api().id());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join(bound.toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ops != null) {
            ops.close();
        }
        boolean all = true;
        for (boolean c : clean) {
            all &= c;
        }
        return all;
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }

    private OpsServer.Health health() {
        return health(runners, stopping, Instant.now());
    }

    /**
     * UP, or DEGRADED (still 200: a vendor or broker problem is no reason to restart the collector) with a reason per
     * collector whose last cycle had failed polls, or whose last cycle finished more than {@value #SILENT_INTERVALS}
     * poll intervals ago (polling or publishing stuck, e.g. waiting for the broker); STOPPING (503) during shutdown.
     */
    static OpsServer.Health health(List<CollectorRunner> runners, boolean stopping, Instant now) {
        ObjectNode body = VendorJson.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("collectors");
        ArrayNode reasons = VendorJson.MAPPER.createArrayNode();
        for (CollectorRunner r : runners) {
            CycleReport last = r.lastReport();
            String api = r.collector().api().id();
            ObjectNode c = list.addObject();
            c.put("api", api);
            c.put("lastCycleFinishedAt", r.lastFinished() == null ? null : r.lastFinished().toString());
            if (last == null) {
                c.putNull("lastCycleComplete");
            } else {
                c.put("lastCycleComplete", last.complete());
                for (PollResult poll : last.polls()) {
                    for (IncompleteReason reason : poll.reasons()) {
                        reasons.add(api + " " + poll.account() + "/" + poll.region() + ": " + reason.code() + " "
                                + reason.message());
                    }
                }
            }
            Duration silentAfter = r.collector().config().pollInterval().multipliedBy(SILENT_INTERVALS);
            if (r.lastFinished() != null && r.lastFinished().plus(silentAfter).isBefore(now)) {
                reasons.add(api + ": no poll cycle finished since " + r.lastFinished() + " (polling or publishing stuck)");
            }
        }
        body.put("status", stopping ? "STOPPING" : reasons.isEmpty() ? "UP" : "DEGRADED");
        body.set("reasons", reasons);
        return new OpsServer.Health(!stopping, body.toString());
    }
}
