package org.imagingtriage.devstack.registry;

import java.time.Duration;

/**
 * A JVM that starts a registry, announces its pid on stdout and waits: the parent of the
 * registry in {@link ApicurioRegistryLifecycleIT}'s test of a parent killed with SIGKILL.
 */
public final class RegistryHostMain {

    static final String PID_PREFIX = "REGISTRY_PID=";
    private static final Duration LONGEST_LIFE = Duration.ofMinutes(3);

    private RegistryHostMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (ApicurioRegistryProcess registry = ApicurioRegistryProcess.startWithDefaults()) {
            // stdout is this JVM's channel to the test that started it.
            System.out.println(PID_PREFIX + registry.pid());
            System.out.flush();
            // The test kills this JVM long before; the bound only stops a forgotten one.
            Thread.sleep(LONGEST_LIFE.toMillis());
        }
    }
}
