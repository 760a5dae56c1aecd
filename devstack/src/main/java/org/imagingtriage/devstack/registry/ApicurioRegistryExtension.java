package org.imagingtriage.devstack.registry;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives test methods, constructors and lifecycle methods an {@link ApicurioRegistryProcess}
 * parameter. One registry serves the whole test run: it is started on first use, kept in the
 * root context's store, shared by every test class, and closed when the run ends.
 *
 * <p>The registry is infrastructure the project's tests require, so a registry that cannot
 * start (no Java 21+, a broken distribution) fails the tests that ask for it; it never skips
 * them. A start failure is remembered and reported again to later classes without a second
 * wait for the same failure.
 *
 * <p>A test that {@link ApicurioRegistryProcess#kill() kills} the shared registry leaves it to
 * be restarted, on the same URLs and with empty storage, for the next test that asks for it.
 */
public final class ApicurioRegistryExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ApicurioRegistryExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ApicurioRegistryProcess.class;
    }

    @Override
    public ApicurioRegistryProcess resolveParameter(ParameterContext parameterContext,
                                                    ExtensionContext extensionContext) {
        SharedRegistry shared = extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedRegistry.class, key -> SharedRegistry.start(), SharedRegistry.class);
        return shared.runningProcess();
    }

    /**
     * The outcome of the one start of the run: the process, or why it could not start. JUnit
     * closes it, as an {@link AutoCloseable} in the root store, when the run ends.
     */
    static final class SharedRegistry implements AutoCloseable {

        private final ApicurioRegistryProcess process;
        private final RuntimeException startFailure;

        private SharedRegistry(ApicurioRegistryProcess process, RuntimeException startFailure) {
            this.process = process;
            this.startFailure = startFailure;
        }

        static SharedRegistry start() {
            try {
                return new SharedRegistry(ApicurioRegistryProcess.startWithDefaults(), null);
            } catch (RuntimeException e) {
                // Kept, not rethrown: JUnit would otherwise retry the start for every class.
                return new SharedRegistry(null, e);
            }
        }

        synchronized ApicurioRegistryProcess runningProcess() {
            if (startFailure != null) {
                throw new ParameterResolutionException("Apicurio Registry could not be started, and this"
                        + " project's tests require it: " + startFailure.getMessage(), startFailure);
            }
            if (!process.isRunning()) {
                LOG.warn("the shared Apicurio Registry is not running (a test stopped or killed it);"
                        + " restarting it with empty storage");
                process.start();
            }
            return process;
        }

        @Override
        public void close() {
            if (process != null) {
                process.close();
            }
        }
    }
}
