package org.imagingtriage.topology.imaging.decode;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated so far: HotSpot's counter, to prove a refusal allocated little. */
final class ThreadAllocation {

    private ThreadAllocation() {
    }

    static long bytesSoFar() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
