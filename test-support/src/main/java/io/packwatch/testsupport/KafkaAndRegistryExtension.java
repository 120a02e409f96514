package io.packwatch.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(KafkaAndRegistryExtension.class)}: makes sure the JVM's one broker and one registry are up before
 * the class runs, and ties their shutdown to the end of the whole test run (JUnit's root store).
 */
public final class KafkaAndRegistryExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestInfra.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("infra", key -> {
            TestInfra.ensureStarted();
            return (AutoCloseable) TestInfra::stop;
        });
    }
}
