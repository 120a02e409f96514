package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import io.packwatch.simulators.scenario.Account;
import io.packwatch.simulators.scenario.Scenario;
import io.packwatch.simulators.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code packwatch sim}: runs the vendor API simulators until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Runs the vendor API simulators (every API of the catalogue: Tencent on one port, Baidu EIP on one port per region) on loopback ports.")
public final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file (YAML/JSON). Default: the bundled demo scenario.")
    Path scenario;

    @Option(names = "--port", paramLabel = "N", defaultValue = "18080",
            description = "Tencent port; Baidu regions take the next ports in region order. 0 = free ports. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "1",
            description = "Simulated seconds per real second. Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--generate", paramLabel = "N", description = "Add N generated packages per API (load mode).")
    Integer generate;

    private final CountDownLatch stop;
    private volatile SimulatorServer running;

    public SimulatorCommand() { this(new CountDownLatch(1)); }

    SimulatorCommand(CountDownLatch stop) { this.stop = stop; }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Scenario s;
        try {
            s = scenario == null ? Scenario.demo() : Scenario.load(scenario);
            if (generate != null) s = s.withGenerated(generate);
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("sim: " + e.getMessage());
            return 2;
        }
        SimulatorServer server;
        try {
            server = SimulatorServer.start(SimulatorOptions.of(s).withPort(port).withTimeScale(timeScale));
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            spec.commandLine().getErr().println("sim: " + e.getMessage() + "; choose other ports with --port N "
                    + "(Tencent on N, Baidu regions on the next ports) or --port 0 for free ones");
            return 2;
        }
        running = server;
        Thread hook = new Thread(() -> {
            stop.countDown();
            server.close();
        }, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        print(new PrintWriter(System.out, true), s, server);
        try {
            stop.await();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
        return 0;
    }

    SimulatorServer running() { return running; }

    static void print(PrintWriter out, Scenario s, SimulatorServer server) {
        out.printf("Packwatch vendor simulators — scenario '%s', time scale %s%n", s.name(), server.clock().scale());
        String tencent = java.util.Arrays.stream(VendorApi.values()).filter(VendorApi::isTencent)
                .map(VendorApi::id).collect(java.util.stream.Collectors.joining(", "));
        out.printf("  Tencent (%s)  endpoint %s   (HttpProfile: protocol http://, setEndpoint)%n", tencent, server.tencentEndpoint());
        server.baiduEndpoints().forEach((region, url) -> out.printf("  Baidu EIP region %-6s           endpoint %s%n", region, url));
        out.println("Test credentials (simulator only):");
        for (Account a : server.accounts()) {
            String idLabel = a.vendor() == Account.Vendor.TENCENT ? "SecretId" : "AccessKeyId";
            String keyLabel = a.vendor() == Account.Vendor.TENCENT ? "SecretKey" : "SecretAccessKey";
            out.printf("  %-14s %-7s %s=%s %s=%s%n", a.id(), a.vendor().name().toLowerCase(), idLabel, a.keyId(), keyLabel, a.secret());
        }
        StringBuilder limits = new StringBuilder();
        for (VendorApi api : VendorApi.values()) limits.append(' ').append(api.id()).append('=').append(s.rateLimits().get(api));
        out.println("Rate limits per account (requests/s, 0 = none):" + limits);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
