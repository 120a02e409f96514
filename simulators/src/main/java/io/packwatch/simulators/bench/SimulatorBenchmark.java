package io.packwatch.simulators.bench;

import io.packwatch.core.VendorApi;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.baidu.BceSigner;
import io.packwatch.simulators.scenario.Generator;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.simulators.tencent.Tc3Signer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark (not a test): requests/s served at page size 100 with signature verification on, round-robin over the
 * four APIs, by N client threads in the same JVM (so clients and server share the cores), plus heap and RSS with
 * the generated packages loaded. Usage: SimulatorBenchmark [packagesPerApi=100000] [clientThreads=8] [seconds=20]
 * [serverThreads=16] [wrk]. With {@code wrk} as fifth argument the load comes from two {@code wrk} processes (a C
 * load generator, Debian package {@code wrk}) replaying pre-signed requests (a TC3 signature stays valid for 5
 * minutes, a bce-auth-v1 one for its expiration), with clientThreads connections in all; the server still verifies
 * every signature. Results and the exact command: docs/benchmarks.md.
 */
public final class SimulatorBenchmark {
    private SimulatorBenchmark() { }

    public static void main(String[] args) throws Exception {
        int perApi = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int serverThreads = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        System.out.printf(Locale.ROOT, "cores=%d maxHeap=%dMiB java=%s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        long heapBefore = usedHeapAfterGc();
        long rssBefore = rssKib();
        Map<VendorApi, Integer> unlimited = new EnumMap<>(VendorApi.class);
        for (VendorApi a : VendorApi.values()) unlimited.put(a, 0);
        long t0 = System.nanoTime();
        Scenario scenario = Scenario.generated(perApi, 42).withRateLimits(unlimited);
        try (SimulatorServer server = SimulatorServer.start(SimulatorOptions.of(scenario).withThreads(serverThreads))) {
            System.out.printf(Locale.ROOT, "started with %d packages per API in %.1f s%n", perApi, (System.nanoTime() - t0) / 1e9);
            long heapLoaded = usedHeapAfterGc();
            System.out.printf(Locale.ROOT, "memory: heap after GC %d MiB (baseline %d MiB, packages %d MiB), RSS %d MiB (baseline %d MiB)%n",
                    heapLoaded >> 20, heapBefore >> 20, (heapLoaded - heapBefore) >> 20, rssKib() >> 10, rssBefore >> 10);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            Load load = new Load(server, http, perApi);
            if (args.length > 4 && args[4].equals("wrk")) {
                ExternalLoad.run(server, load, clients, seconds);
                System.out.printf(Locale.ROOT, "RSS after load %d MiB, heap after GC %d MiB%n", rssKib() >> 10, usedHeapAfterGc() >> 20);
                return;
            }
            run(load, clients, 3);   // warm-up
            load.reset();
            long serverCpu0 = cpuNanos("sim-http-", "HTTP-Dispatcher");
            long httpClientCpu0 = cpuNanos("HttpClient-");
            long start = System.nanoTime();
            run(load, clients, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double serverCpu = (cpuNanos("sim-http-", "HTTP-Dispatcher") - serverCpu0) / 1e9;
            double clientCpu = load.clientCpuNanos.sum() / 1e9 + (cpuNanos("HttpClient-") - httpClientCpu0) / 1e9;
            long total = load.ok.sum();
            System.out.printf(Locale.ROOT, "load: %d client threads, %d server threads, %.1f s, %d OK, %d failed -> %.0f requests/s%n",
                    clients, serverThreads, elapsed, total, load.failed.sum(), total / elapsed);
            System.out.printf(Locale.ROOT, "cpu: server %.1f s (%.0f requests per server CPU-second), clients %.1f s, load average %s%n",
                    serverCpu, total / serverCpu, clientCpu, loadAverage());
            for (VendorApi api : VendorApi.values()) {
                System.out.printf(Locale.ROOT, "  %-19s %8.0f requests/s%n", api.id(), load.perApi.get(api).sum() / elapsed);
            }
            System.out.printf(Locale.ROOT, "RSS after load %d MiB, heap after GC %d MiB%n", rssKib() >> 10, usedHeapAfterGc() >> 20);
        }
    }

    private static void run(Load load, int clients, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int offset = i;
            Thread t = new Thread(() -> {
                int n = offset;
                while (System.nanoTime() < deadline) load.one(VendorApi.values()[n++ % 4]);
                load.clientCpuNanos.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }, "bench-client-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
    }

    /** One signed request per call, at page size 100 at a random position. */
    private static final class Load {
        final SimulatorServer server;
        final HttpClient http;
        final int perApiCount;
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder clientCpuNanos = new LongAdder();
        final Map<VendorApi, LongAdder> perApi = new EnumMap<>(VendorApi.class);
        final List<String> baiduMarkers = new ArrayList<>();

        Load(SimulatorServer server, HttpClient http, int packagesPerApi) {
            this.server = server;
            this.http = http;
            this.perApiCount = packagesPerApi;
            for (VendorApi a : VendorApi.values()) perApi.put(a, new LongAdder());
            // every 100th id: markers that start a full page anywhere in the listing
            var eip = server.account(Generator.BAIDU_ACCOUNT).eip("bj");
            for (int i = 0; i + 100 <= eip.size(); i += 100) baiduMarkers.add(eip.get(i).id());
        }

        void reset() {
            ok.reset();
            failed.reset();
            perApi.values().forEach(LongAdder::reset);
        }

        void one(VendorApi api) {
            try {
                HttpResponse<String> r = api == VendorApi.BAIDU_EIP ? baidu() : tencent(api);
                boolean good = r.statusCode() == 200 && !r.body().contains("\"Error\"");
                (good ? ok : failed).increment();
                if (good) perApi.get(api).increment();
            } catch (IOException e) {
                failed.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One signed Tencent call at page size 100 at a random position: what both load modes send. */
        private record TencentCall(VendorApi api, String host, String body, long ts, String authorization) { }

        /** One signed Baidu list call of 100 items from a random marker. */
        private record BaiduCall(String endpoint, String query, String ts, String authorization) {
            String host() {
                return endpoint.substring("http://".length());
            }
        }

        private TencentCall signedTencent(VendorApi api) {
            int pages = Math.max(1, perApiCount / 100);
            int page = ThreadLocalRandom.current().nextInt(pages);
            String body = switch (api) {
                case TENCENT_LIVE -> "{\"PackageType\":" + ThreadLocalRandom.current().nextInt(3) + ",\"PageNum\":" + (1 + page % Math.max(1, pages / 4)) + ",\"PageSize\":100}";
                default -> "{\"Limit\":100,\"Offset\":" + page * 100 + "}";
            };
            String host = server.tencentEndpoint();
            long ts = Instant.now().getEpochSecond();
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("content-type", "application/json; charset=utf-8");
            signed.put("host", host);
            return new TencentCall(api, host, body, ts, Tc3Signer.authorization(Generator.TENCENT_SECRET_ID,
                    Generator.TENCENT_SECRET_KEY, "127", ts, signed, body.getBytes(StandardCharsets.UTF_8)));
        }

        private BaiduCall signedBaidu() {
            String endpoint = server.baiduEndpoint("bj");
            String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            Map<String, String> q = new LinkedHashMap<>();
            q.put("maxKeys", "100");
            if (!baiduMarkers.isEmpty()) q.put("marker", baiduMarkers.get(ThreadLocalRandom.current().nextInt(baiduMarkers.size())));
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("host", endpoint.substring("http://".length()));
            signed.put("x-bce-date", ts);
            StringBuilder qs = new StringBuilder();
            q.forEach((k, v) -> qs.append(qs.length() == 0 ? "?" : "&").append(k).append('=').append(BceSigner.uriEncode(v, true)));
            return new BaiduCall(endpoint, qs.toString(), ts,
                    BceSigner.authorization(Generator.BAIDU_AK, Generator.BAIDU_SK, ts, 1800, "GET", "/v1/eiptp", q, signed));
        }

        /** A signed Tencent call as raw HTTP/1.1 text (for a replaying load generator). */
        String rawTencent(VendorApi api) {
            TencentCall c = signedTencent(api);
            return "POST / HTTP/1.1\r\nHost: " + c.host() + "\r\nContent-Type: application/json; charset=utf-8\r\n"
                    + "X-TC-Action: " + api.action() + "\r\nX-TC-Version: " + api.apiVersion() + "\r\nX-TC-Timestamp: " + c.ts()
                    + "\r\nX-TC-Region: ap-guangzhou\r\nAuthorization: " + c.authorization()
                    + "\r\nContent-Length: " + c.body().getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + c.body();
        }

        /** A signed Baidu call as raw HTTP/1.1 text. */
        String rawBaidu() {
            BaiduCall c = signedBaidu();
            return "GET /v1/eiptp" + c.query() + " HTTP/1.1\r\nHost: " + c.host() + "\r\nx-bce-date: " + c.ts()
                    + "\r\nAuthorization: " + c.authorization() + "\r\n\r\n";
        }

        private HttpResponse<String> tencent(VendorApi api) throws IOException, InterruptedException {
            TencentCall c = signedTencent(api);
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + c.host() + "/"))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("X-TC-Action", api.action()).header("X-TC-Version", api.apiVersion())
                    .header("X-TC-Timestamp", Long.toString(c.ts())).header("X-TC-Region", "ap-guangzhou")
                    .header("Authorization", c.authorization())
                    .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8)).build();
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> baidu() throws IOException, InterruptedException {
            BaiduCall c = signedBaidu();
            HttpRequest req = HttpRequest.newBuilder(URI.create(c.endpoint() + "/v1/eiptp" + c.query())).header("x-bce-date", c.ts())
                    .header("Authorization", c.authorization()).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Load from two wrk processes (Tencent port, Baidu bj port) replaying pre-signed requests round-robin. */
    private static final class ExternalLoad {
        private static final int REQUESTS_PER_API = 500;

        static void run(SimulatorServer server, Load load, int connections, int seconds) throws Exception {
            Path dir = Files.createTempDirectory("pw-simbench");
            StringBuilder tencent = new StringBuilder();
            for (int i = 0; i < 3 * REQUESTS_PER_API; i++) {
                tencent.append(load.rawTencent(VendorApi.values()[i % 3])).append('\0');
            }
            StringBuilder baidu = new StringBuilder();
            for (int i = 0; i < REQUESTS_PER_API; i++) {
                baidu.append(load.rawBaidu()).append('\0');
            }
            // a quarter of the connections on Baidu: each API gets about the same share, as in the in-JVM mode
            int baiduConnections = Math.max(1, connections / 4);
            Process t = wrk(dir, "tencent", tencent, connections - baiduConnections, seconds, "http://" + server.tencentEndpoint() + "/");
            Process b = wrk(dir, "baidu", baidu, baiduConnections, seconds, server.baiduEndpoint("bj") + "/");
            Map<VendorApi, Long> before = okCounts(server);
            long serverCpu0 = cpuNanos("sim-http-", "HTTP-Dispatcher");
            long start = System.nanoTime();
            String tOut = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String bOut = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            t.waitFor();
            b.waitFor();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double serverCpu = (cpuNanos("sim-http-", "HTTP-Dispatcher") - serverCpu0) / 1e9;
            Map<VendorApi, Long> after = okCounts(server);
            long ok = 0;
            for (VendorApi api : VendorApi.values()) ok += after.get(api) - before.get(api);
            long all = 0;
            for (VendorApi api : VendorApi.values()) all += server.stats().requests(api);
            System.out.printf(Locale.ROOT, "load: wrk, %d connections (%d Tencent, %d Baidu), %.1f s, %d OK -> %.0f requests/s (OK, counted by the server)%n",
                    connections, connections - baiduConnections, baiduConnections, elapsed, ok, ok / elapsed);
            System.out.printf(Locale.ROOT, "cpu: server %.1f s (%.0f requests per server CPU-second), load average %s; not OK in the whole run: %d%n",
                    serverCpu, ok / serverCpu, loadAverage(), all - sumOf(after));
            for (VendorApi api : VendorApi.values()) {
                System.out.printf(Locale.ROOT, "  %-19s %8.0f requests/s%n", api.id(), (after.get(api) - before.get(api)) / elapsed);
            }
            System.out.println("wrk tencent: " + summary(tOut));
            System.out.println("wrk baidu:   " + summary(bOut));
        }

        private static Process wrk(Path dir, String name, CharSequence requests, int connections, int seconds, String url)
                throws IOException {
            Path data = dir.resolve(name + ".req");
            Files.writeString(data, requests, StandardCharsets.UTF_8);
            Path script = dir.resolve(name + ".lua");
            Files.writeString(script, """
                    local f = assert(io.open("%s", "rb"))
                    local all = f:read("*a")
                    f:close()
                    local reqs = {}
                    for r in string.gmatch(all, "([^%%z]+)") do reqs[#reqs + 1] = r end
                    local i = math.random(#reqs)
                    request = function()
                      i = i %% #reqs + 1
                      return reqs[i]
                    end
                    """.formatted(data.toString()));
            return new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                    "-s", script.toString(), url).redirectErrorStream(true).start();
        }

        private static Map<VendorApi, Long> okCounts(SimulatorServer server) {
            Map<VendorApi, Long> ok = new EnumMap<>(VendorApi.class);
            for (VendorApi api : VendorApi.values()) {
                String account = api == VendorApi.BAIDU_EIP ? Generator.BAIDU_ACCOUNT : Generator.TENCENT_ACCOUNT;
                ok.put(api, server.stats().requests(api, account, io.packwatch.simulators.control.Outcome.OK));
            }
            return ok;
        }

        private static long sumOf(Map<VendorApi, Long> counts) {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        private static String summary(String wrkOutput) {
            return wrkOutput.lines().filter(l -> l.contains("Requests/sec") || l.contains("requests in") || l.contains("Non-2xx")
                    || l.contains("Socket errors")).map(String::trim).reduce((x, y) -> x + "; " + y).orElse(wrkOutput.trim());
        }
    }

    /** CPU time so far of the live threads whose names start with one of the prefixes. */
    private static long cpuNanos(String... prefixes) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String p : prefixes) {
                if (t.getName().startsWith(p)) {
                    long c = mx.getThreadCpuTime(t.getId());
                    if (c > 0) sum += c;
                }
            }
        }
        return sum;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** VmRSS of this process from /proc (Linux); -1 elsewhere. */
    private static long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
