package org.imagingtriage.devstack.kafka;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main class of a child broker JVM: runs {@code kafka.Kafka} and halts when the JVM that started
 * it is gone. A shutdown hook in the parent covers orderly exits; this covers a parent that was
 * killed outright (a CI timeout, a SIGKILL), which would otherwise leave an orphan broker holding
 * its ports and disk.
 */
public final class ParentWatchingKafkaMain {

    /** System property carrying the parent JVM's process id. */
    static final String PARENT_PID_PROPERTY = "triage.devstack.parent.pid";
    private static final int ORPHANED_EXIT_CODE = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ParentWatchingKafkaMain.class);

    private ParentWatchingKafkaMain() {
    }

    public static void main(String[] args) {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid == null) {
            throw new IllegalStateException("system property " + PARENT_PID_PROPERTY + " must name the parent's pid");
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            LOG.error("Parent process {} is already gone; not starting the broker", parentPid);
            Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
        }
        parent.get().onExit().thenRun(() -> {
            LOG.error("Parent process {} exited; halting this orphaned broker", parentPid);
            Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
        });
        kafka.Kafka.main(args);
    }
}
