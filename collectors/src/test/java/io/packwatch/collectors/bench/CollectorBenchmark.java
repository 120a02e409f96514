package io.packwatch.collectors.bench;

import io.packwatch.collectors.CollectCommand;
import io.packwatch.core.VendorApi;
import io.packwatch.simulators.SimulatorOptions;
import io.packwatch.simulators.SimulatorServer;
import io.packwatch.simulators.control.Outcome;
import io.packwatch.simulators.scenario.Generator;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.testsupport.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Pacing benchmark (not a test): N generated packages per API in the simulators (documented rate limits enforced),
 * one real broker, and each of the four collectors as its own child JVM running {@code collect <api> --once} with
 * the default pacing. Reports requests/s against the configured pacing (goal >= 0.95), throttling errors the
 * simulator counted (goal 0), packages published per second and the peak RSS of each collector process.
 *
 * <p>Run: see docs/benchmarks.md.
 */
public final class CollectorBenchmark {
    private static final Pattern CYCLE = Pattern.compile("event=cycle-finished api=(\\S+) complete=(\\S+) .* pages=(\\d+) packages=(\\d+) durationMs=(\\d+)");

    private CollectorBenchmark() { }

    record Result(VendorApi api, boolean complete, long pages, long packages, long durationMs, long peakRssKb) { }

    public static void main(String[] args) throws Exception {
        int perApi = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String heap = args.length > 1 ? args[1] : "256m";
        // sequential (default): one collector process at a time, so the four do not compete for the CPU with each
        // other (the broker and the simulators share the machine anyway); parallel: all four at once.
        boolean parallel = args.length > 2 && args[2].equals("parallel");
        // cycles (5th argument, default 1): 1 = the real CLI's --once on a cold JVM; 2 = one warm-up cycle, the second measured.
        int cycles = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        List<VendorApi> apis = args.length > 3 && !args[3].equals("all")
                ? java.util.Arrays.stream(args[3].split(",")).map(id -> VendorApi.find(id).orElseThrow()).toList()
                : List.of(VendorApi.values());
        Path work = Files.createTempDirectory("packwatch-collector-bench");
        System.out.printf("generating %,d packages per API ...%n", perApi);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
             SimulatorServer sim = SimulatorServer.start(SimulatorOptions.of(Scenario.generated(perApi, 42)))) {
            Map<VendorApi, Process> processes = new LinkedHashMap<>();
            Map<VendorApi, AtomicLong> peaks = new LinkedHashMap<>();
            Map<VendorApi, List<String>> output = new LinkedHashMap<>();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                List<NewTopic> topics = new ArrayList<>();
                for (VendorApi api : VendorApi.values()) {
                    topics.add(new NewTopic("bench.raw." + api.id(), 6, (short) 1));
                }
                admin.createTopics(topics).all().get();
            }
            for (VendorApi api : apis) {
                if (!parallel) {
                    awaitAll(processes, peaks);
                }
                Path config = work.resolve(api.id() + ".yaml");
                Files.writeString(config, config(api, sim, kafka.bootstrapServers()));
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", classpath()));
                if (cycles == 1) {
                    command.addAll(List.of(CollectCommand.class.getName(), api.id(), "--config", config.toString(), "--once"));
                } else {
                    command.addAll(List.of(BenchCollector.class.getName(), api.id(), config.toString(), Integer.toString(cycles)));
                }
                ProcessBuilder pb = new ProcessBuilder(command);
                pb.environment().put("BENCH_TC_ID", Generator.TENCENT_SECRET_ID);
                pb.environment().put("BENCH_TC_KEY", Generator.TENCENT_SECRET_KEY);
                pb.environment().put("BENCH_BD_AK", Generator.BAIDU_AK);
                pb.environment().put("BENCH_BD_SK", Generator.BAIDU_SK);
                pb.redirectErrorStream(true);
                Process p = pb.start();
                processes.put(api, p);
                peaks.put(api, new AtomicLong());
                List<String> lines = new ArrayList<>();
                output.put(api, lines);
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            synchronized (lines) {
                                lines.add(line);
                            }
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                reader.setDaemon(true);
                reader.start();
            }
            awaitAll(processes, peaks);
            List<Result> results = new ArrayList<>();
            for (VendorApi api : apis) {
                Result r = null;
                synchronized (output.get(api)) {
                    for (String line : output.get(api)) {
                        Matcher m = CYCLE.matcher(line);
                        if (m.find()) {
                            r = new Result(api, Boolean.parseBoolean(m.group(2)), Long.parseLong(m.group(3)),
                                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), peaks.get(api).get());
                        }
                    }
                }
                if (r == null) {
                    System.out.println("no cycle line from " + api.id() + "; exit " + processes.get(api).exitValue());
                    output.get(api).stream().skip(Math.max(0, output.get(api).size() - 30)).forEach(System.out::println);
                    continue;
                }
                results.add(r);
                if (Boolean.getBoolean("bench.verbose")) {
                    output.get(api).forEach(System.out::println);
                }
            }
            print(results, sim, perApi, heap, parallel, cycles);
        }
    }

    private static void awaitAll(Map<VendorApi, Process> processes, Map<VendorApi, AtomicLong> peaks) throws InterruptedException {
        while (processes.values().stream().anyMatch(Process::isAlive)) {
            processes.forEach((api, p) -> peaks.get(api).accumulateAndGet(rssKb(p.pid()), Math::max));
            Thread.sleep(200);
        }
    }

    private static void print(List<Result> results, SimulatorServer sim, int perApi, String heap, boolean parallel, int cycles) {
        System.out.printf("%n%d packages per API, collectors as child JVMs (-Xmx%s -XX:+UseSerialGC), %s, %s%n",
                perApi, heap, parallel ? "all four at once" : "one after the other",
                cycles == 1 ? "measured cycle = `collect <api> --once` on a cold JVM" : "measured cycle = cycle " + cycles + " of the same JVM");
        System.out.println("| API | complete | requests | throttled | configured req/s | achieved req/s | efficiency | max req in any 1 s | packages | packages/s | peak RSS |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            VendorApi simApi = VendorApi.fromId(r.api().id());
            String account = r.api().isTencent() ? Generator.TENCENT_ACCOUNT : Generator.BAIDU_ACCOUNT;
            long requests = sim.stats().requests(simApi, account) / cycles;
            long throttled = sim.stats().requests(simApi, account, Outcome.THROTTLED);
            double seconds = r.durationMs() / 1000.0;
            double achieved = requests / seconds;
            System.out.printf("| %s | %s | %d | %d | %.1f | %.2f | %.3f | %d | %d | %.0f | %d MB |%n", r.api().id(), r.complete(), requests,
                    throttled, r.api().defaultPacingPerSecond(), achieved, achieved / r.api().defaultPacingPerSecond(),
                    sim.stats().maxPerSecond(simApi, account), r.packages(), r.packages() / seconds, r.peakRssKb() / 1024);
        }
    }

    private static String config(VendorApi api, SimulatorServer sim, String bootstrap) {
        StringBuilder y = new StringBuilder();
        y.append("api: ").append(api.id()).append('\n');
        if (api == VendorApi.BAIDU_EIP) {
            y.append("regionEndpoints:\n");
            sim.baiduEndpoints().forEach((r, url) -> y.append("  ").append(r).append(": ").append(url).append('\n'));
        } else {
            y.append("endpoint: http://").append(sim.tencentEndpoint()).append('\n');
        }
        y.append("accounts:\n  - name: bench\n    credentials: ");
        y.append(api.isTencent() ? "{idEnv: BENCH_TC_ID, keyEnv: BENCH_TC_KEY}\n" : "{idEnv: BENCH_BD_AK, keyEnv: BENCH_BD_SK}\n");
        if (api.regional()) {
            y.append("    regions: [").append(api == VendorApi.BAIDU_EIP ? "bj" : "ap-guangzhou").append("]\n");
        }
        y.append("kafka:\n  topic: bench.raw.").append(api.id()).append("\n  producer: {bootstrap.servers: \"").append(bootstrap).append("\"}\n");
        return y.toString();
    }

    /** The class path this harness runs with (exec:java puts it on a URLClassLoader rather than java.class.path). */
    private static String classpath() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl instanceof java.net.URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> paths = new ArrayList<>();
            for (java.net.URL url : urls.getURLs()) {
                try {
                    paths.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, paths);
        }
        return System.getProperty("java.class.path");
    }

    /** Resident set size of a process in kB (Linux /proc), 0 when it is gone. */
    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
