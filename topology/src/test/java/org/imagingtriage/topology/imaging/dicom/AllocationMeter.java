package org.imagingtriage.topology.imaging.dicom;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated so far (HotSpot's counter): proof that a refusal allocated little. */
final class AllocationMeter {

    private AllocationMeter() {
    }

    static long bytesSoFar() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
