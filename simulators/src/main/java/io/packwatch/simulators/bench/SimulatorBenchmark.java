package io.packwatch.simulators.bench;

import io.packwatch.simulators.SimApi;
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
 * [serverThreads=16]. Results and the exact command: docs/benchmarks-simulators.md.
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
        Map<SimApi, Integer> unlimited = new EnumMap<>(SimApi.class);
        for (SimApi a : SimApi.values()) unlimited.put(a, 0);
        long t0 = System.nanoTime();
        Scenario scenario = Scenario.generated(perApi, 42).withRateLimits(unlimited);
        try (SimulatorServer server = SimulatorServer.start(SimulatorOptions.of(scenario).withThreads(serverThreads))) {
            System.out.printf(Locale.ROOT, "started with %d packages per API in %.1f s%n", perApi, (System.nanoTime() - t0) / 1e9);
            long heapLoaded = usedHeapAfterGc();
            System.out.printf(Locale.ROOT, "memory: heap after GC %d MiB (baseline %d MiB, packages %d MiB), RSS %d MiB (baseline %d MiB)%n",
                    heapLoaded >> 20, heapBefore >> 20, (heapLoaded - heapBefore) >> 20, rssKib() >> 10, rssBefore >> 10);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            Load load = new Load(server, http, perApi);
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
            for (SimApi api : SimApi.values()) {
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
                while (System.nanoTime() < deadline) load.one(SimApi.values()[n++ % 4]);
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
        final Map<SimApi, LongAdder> perApi = new EnumMap<>(SimApi.class);
        final List<String> baiduMarkers = new ArrayList<>();

        Load(SimulatorServer server, HttpClient http, int packagesPerApi) {
            this.server = server;
            this.http = http;
            this.perApiCount = packagesPerApi;
            for (SimApi a : SimApi.values()) perApi.put(a, new LongAdder());
            // every 100th id: markers that start a full page anywhere in the listing
            var eip = server.account(Generator.BAIDU_ACCOUNT).eip("bj");
            for (int i = 0; i + 100 <= eip.size(); i += 100) baiduMarkers.add(eip.get(i).id());
        }

        void reset() {
            ok.reset();
            failed.reset();
            perApi.values().forEach(LongAdder::reset);
        }

        void one(SimApi api) {
            try {
                HttpResponse<String> r = api == SimApi.BAIDU_EIP ? baidu() : tencent(api);
                boolean good = r.statusCode() == 200 && !r.body().contains("\"Error\"");
                (good ? ok : failed).increment();
                if (good) perApi.get(api).increment();
            } catch (IOException e) {
                failed.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private HttpResponse<String> tencent(SimApi api) throws IOException, InterruptedException {
            int pages = Math.max(1, perApiCount / 100);
            int page = ThreadLocalRandom.current().nextInt(pages);
            String body = switch (api) {
                case TENCENT_LIVE -> "{\"PackageType\":" + ThreadLocalRandom.current().nextInt(3) + ",\"PageNum\":" + (1 + page % Math.max(1, pages / 4)) + ",\"PageSize\":100}";
                default -> "{\"Limit\":100,\"Offset\":" + page * 100 + "}";
            };
            String host = server.tencentEndpoint();
            long ts = Instant.now().getEpochSecond();
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("content-type", "application/json; charset=utf-8");
            signed.put("host", host);
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + "/"))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("X-TC-Action", api.action()).header("X-TC-Version", api.version())
                    .header("X-TC-Timestamp", Long.toString(ts)).header("X-TC-Region", "ap-guangzhou")
                    .header("Authorization", Tc3Signer.authorization(Generator.TENCENT_SECRET_ID, Generator.TENCENT_SECRET_KEY, "127", ts, signed, payload))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> baidu() throws IOException, InterruptedException {
            String endpoint = server.baiduEndpoint("bj");
            String host = endpoint.substring("http://".length());
            String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            Map<String, String> q = new LinkedHashMap<>();
            q.put("maxKeys", "100");
            if (!baiduMarkers.isEmpty()) q.put("marker", baiduMarkers.get(ThreadLocalRandom.current().nextInt(baiduMarkers.size())));
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("host", host);
            signed.put("x-bce-date", ts);
            StringBuilder qs = new StringBuilder();
            q.forEach((k, v) -> qs.append(qs.length() == 0 ? "?" : "&").append(k).append('=').append(BceSigner.uriEncode(v, true)));
            HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + "/v1/eiptp" + qs)).header("x-bce-date", ts)
                    .header("Authorization", BceSigner.authorization(Generator.BAIDU_AK, Generator.BAIDU_SK, ts, 1800, "GET", "/v1/eiptp", q, signed))
                    .GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString());
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
