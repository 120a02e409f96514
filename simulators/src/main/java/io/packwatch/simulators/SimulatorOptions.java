package io.packwatch.simulators;

import io.packwatch.simulators.control.FaultController;
import io.packwatch.simulators.scenario.Scenario;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a simulator. Immutable; the {@code with*} methods return copies.
 *
 * @param port      the Tencent port (0 = a free loopback port). Baidu regions get the following ports (port+1, ...
 *                  in region order) or free ports when 0
 * @param clock     the base clock of the simulation (real time by default; a ManualClock in tests)
 * @param timeScale simulated seconds per base-clock second
 * @param authClock wall-clock time: signature windows and the 1-second rate-limit windows (real time by default,
 *                  since clients sign with theirs; a fixed clock in tests makes rate limits deterministic)
 * @param threads   HTTP worker threads shared by every port
 * @param faultPlan faults scripted before the first request
 */
public record SimulatorOptions(Scenario scenario, int port, Clock clock, double timeScale, Clock authClock, int threads,
                               Consumer<FaultController> faultPlan) {
    public SimulatorOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(authClock, "authClock");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) throw new IllegalArgumentException("timeScale must be > 0, got " + timeScale);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        if (faultPlan == null) faultPlan = f -> { };
    }

    public static SimulatorOptions of(Scenario scenario) {
        return new SimulatorOptions(scenario, 0, Clock.systemUTC(), 1.0, Clock.systemUTC(), 16, null);
    }

    public SimulatorOptions withPort(int p) { return new SimulatorOptions(scenario, p, clock, timeScale, authClock, threads, faultPlan); }

    public SimulatorOptions withClock(Clock c) { return new SimulatorOptions(scenario, port, c, timeScale, authClock, threads, faultPlan); }

    public SimulatorOptions withTimeScale(double s) { return new SimulatorOptions(scenario, port, clock, s, authClock, threads, faultPlan); }

    public SimulatorOptions withAuthClock(Clock c) { return new SimulatorOptions(scenario, port, clock, timeScale, c, threads, faultPlan); }

    public SimulatorOptions withThreads(int t) { return new SimulatorOptions(scenario, port, clock, timeScale, authClock, t, faultPlan); }

    public SimulatorOptions withFaultPlan(Consumer<FaultController> plan) {
        return new SimulatorOptions(scenario, port, clock, timeScale, authClock, threads, plan);
    }
}
