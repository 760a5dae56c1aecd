package org.imagingtriage.topology.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How long this instance has seen each in-flight pointer at or past its partition's end. A
 * pointed record was below the end when it was read, so an end behind it is first taken for a
 * lagging one (a new leader catching up) and only after {@code grace} for a log that went back.
 * Timed on this instance's monotonic clock from the first sight, not from when the record was
 * sent: a record may be in flight for as long as Triton is down, and the previous owner's clock
 * may disagree with this one. Shared by every task, so it survives the thread replacements that
 * retry a task.
 */
final class PastEndWatch {

    private final Duration grace;
    private final LongSupplier nanoTime;
    private final Map<SourceCoordinates, Long> firstSeen = new ConcurrentHashMap<>();

    PastEndWatch(Duration grace, LongSupplier nanoTime) {
        this.grace = Objects.requireNonNull(grace, "grace");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    Duration grace() {
        return grace;
    }

    /** How long {@code source} has been seen past its end, counting from now if it was not before. */
    Duration seenFor(SourceCoordinates source) {
        long now = nanoTime.getAsLong();
        return Duration.ofNanos(now - firstSeen.computeIfAbsent(source, s -> now));
    }

    /** These pointers are settled (found, or given up as lost): stop timing them. */
    void forget(Collection<SourceCoordinates> sources) {
        sources.forEach(firstSeen::remove);
    }
}
