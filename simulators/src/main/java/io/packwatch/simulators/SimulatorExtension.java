package io.packwatch.simulators;

import io.packwatch.simulators.scenario.Scenario;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: starts a simulator on free loopback ports before the test class and stops it after.
 * <pre>{@code @RegisterExtension static SimulatorExtension sim = new SimulatorExtension(SimulatorOptions.of(Scenario.demo()));}</pre>
 * Test methods may also take a {@link SimulatorServer} parameter. Faults are cleared before each class starts only,
 * so tests that script faults should call {@code server().faults().clear()} themselves.
 */
public final class SimulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final SimulatorOptions options;
    private SimulatorServer server;

    /** The bundled demo scenario. */
    public SimulatorExtension() { this(SimulatorOptions.of(Scenario.demo())); }

    public SimulatorExtension(SimulatorOptions options) { this.options = options; }

    public SimulatorServer server() {
        if (server == null) throw new IllegalStateException("the simulator starts before all tests of the class; register the extension as a static field");
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) { server = SimulatorServer.start(options); }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.close();
        server = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) { return p.getParameter().getType() == SimulatorServer.class; }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) { return server(); }
}
