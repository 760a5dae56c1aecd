package org.imagingtriage.devstack.registry;

import java.time.Duration;

/**
 * A JVM that starts a registry, announces its pid and scratch directory on stdout and waits:
 * the parent of the registry in {@link ApicurioRegistryLifecycleIT}'s test of a parent killed
 * with SIGKILL.
 */
public final class RegistryHostMain {

    /** Starts the announcement line: the prefix, the pid, a tab, the scratch directory. */
    static final String ANNOUNCEMENT_PREFIX = "REGISTRY=";
    private static final Duration LONGEST_LIFE = Duration.ofMinutes(3);

    private RegistryHostMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (ApicurioRegistryProcess registry = ApicurioRegistryProcess.startWithDefaults()) {
            // stdout is this JVM's channel to the test that started it.
            System.out.println(ANNOUNCEMENT_PREFIX + registry.pid() + "\t" + registry.logFile().getParent());
            System.out.flush();
            // The test kills this JVM long before; the bound only stops a forgotten one.
            Thread.sleep(LONGEST_LIFE.toMillis());
        }
    }
}
