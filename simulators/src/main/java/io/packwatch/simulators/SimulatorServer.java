package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.sun.net.httpserver.HttpServer;
import io.packwatch.simulators.baidu.BaiduHandler;
import io.packwatch.simulators.control.Fault;
import io.packwatch.simulators.control.FaultController;
import io.packwatch.simulators.control.ServerContext;
import io.packwatch.simulators.control.SimStats;
import io.packwatch.simulators.scenario.Account;
import io.packwatch.simulators.scenario.ScenarioFile;
import io.packwatch.simulators.tencent.TencentHandler;
import io.packwatch.simulators.time.SimClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running simulators: one loopback port for the three Tencent APIs (routed on X-TC-Action) and one loopback
 * port per Baidu region. Uses the JDK's com.sun.net.httpserver with a fixed worker pool: no extra dependency, and
 * a blocking handler per request is plenty for a simulator (see docs/benchmarks.md).
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    static {
        // The JDK server writes headers and body in separate segments; with Nagle on, a client that delays its ACK
        // (Apache httpclient does) stalls every response by ~40 ms. Read once by the JDK when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final ServerContext ctx;
    private final HttpServer tencent;
    private final Map<String, HttpServer> baidu;
    private final ExecutorService workers;

    private SimulatorServer(ServerContext ctx, HttpServer tencent, Map<String, HttpServer> baidu, ExecutorService workers) {
        this.ctx = ctx;
        this.tencent = tencent;
        this.baidu = baidu;
        this.workers = workers;
    }

    public static SimulatorServer start(SimulatorOptions o) {
        SimClock clock = new SimClock(o.clock(), o.timeScale());
        List<Account> accounts = o.scenario().resolve(clock.epoch());
        FaultController faults = new FaultController(clock::now);
        for (ScenarioFile.FaultDef d : o.scenario().faults()) {
            VendorApi api = VendorApi.fromId(d.api());
            Fault f = Fault.fromDef(d);
            FaultController.Window window = Fault.windowOf(d, clock.epoch());
            if (d.rate() != null) faults.rate(api, d.account(), d.rate(), f, window);
            else faults.next(api, d.account(), d.next(), f, window);
        }
        o.faultPlan().accept(faults);
        ServerContext ctx = new ServerContext(accounts, o.scenario().rateLimits(), faults, new SimStats(o.authClock()), clock, o.authClock());
        ExecutorService workers = Executors.newFixedThreadPool(o.threads(), daemonThreads());
        List<HttpServer> started = new ArrayList<>();
        try {
            HttpServer t = bind(o.port(), "simulated Tencent APIs");
            started.add(t);
            t.createContext("/", new TencentHandler(ctx));
            Map<String, HttpServer> b = new LinkedHashMap<>();
            int next = o.port() == 0 ? 0 : o.port() + 1;
            for (String region : new TreeSet<>(ctx.regions(VendorApi.BAIDU_EIP))) {
                HttpServer s = bind(next, "simulated Baidu EIP " + region);
                started.add(s);
                if (next != 0) next++;
                s.createContext("/", new BaiduHandler(ctx, region));
                b.put(region, s);
            }
            started.forEach(s -> {
                s.setExecutor(workers);
                s.start();
            });
            SimulatorServer server = new SimulatorServer(ctx, t, Collections.unmodifiableMap(b), workers);
            LOG.info("simulators up: scenario '{}', tencent {}, baidu {}, {} accounts, time scale {}", o.scenario().name(),
                    server.tencentEndpoint(), server.baiduEndpoints(), accounts.size(), o.timeScale());
            return server;
        } catch (IOException e) {
            started.forEach(s -> s.stop(0));
            workers.shutdownNow();
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** @throws BindException naming the port and what wanted it, when the port is taken */
    private static HttpServer bind(int port, String what) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (BindException e) {
            BindException named = new BindException("port " + port + " (" + what + ") is already in use");
            named.initCause(e);
            throw named;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sim-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** "127.0.0.1:PORT": what the Tencent SDK's HttpProfile.setEndpoint takes (with protocol http://). */
    public String tencentEndpoint() { return "127.0.0.1:" + tencentPort(); }

    public int tencentPort() { return tencent.getAddress().getPort(); }

    /** "http://127.0.0.1:PORT" of the region's Baidu port. */
    public String baiduEndpoint(String region) {
        HttpServer s = baidu.get(region);
        if (s == null) throw new IllegalArgumentException("no Baidu region '" + region + "' in the scenario; regions: " + baidu.keySet());
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    /** Region → "http://127.0.0.1:PORT". */
    public Map<String, String> baiduEndpoints() {
        Map<String, String> out = new LinkedHashMap<>();
        baidu.keySet().forEach(r -> out.put(r, baiduEndpoint(r)));
        return out;
    }

    public FaultController faults() { return ctx.faults(); }

    public SimStats stats() { return ctx.stats(); }

    public SimClock clock() { return ctx.simClock(); }

    public List<Account> accounts() { return ctx.accounts(); }

    public Account account(String id) {
        return ctx.accounts().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no account '" + id + "' in the scenario"));
    }

    @Override
    public void close() {
        tencent.stop(0);
        baidu.values().forEach(s -> s.stop(0));
        workers.shutdownNow();
    }
}
