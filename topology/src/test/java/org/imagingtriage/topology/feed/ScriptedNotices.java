package org.imagingtriage.topology.feed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notices for the watch's tests, with no file system and no real time: each wait takes the next
 * scripted step, runs its action (writing a file, say) and returns its notice; a QUIET step lets
 * exactly the requested time pass on the test's clock. When the script ends the watch is closed.
 */
final class ScriptedNotices implements FolderNotices {

    private record Step(Runnable action, Notice notice) {
    }

    private final AtomicLong nanos;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<Set<Path>> watched = new ArrayList<>();
    private boolean closed;

    ScriptedNotices(AtomicLong nanos) {
        this.nanos = nanos;
    }

    ScriptedNotices then(Runnable action, Notice notice) {
        steps.add(new Step(action, notice));
        return this;
    }

    ScriptedNotices then(Notice notice) {
        return then(() -> { }, notice);
    }

    /** The directories the watch asked to be watched, scan by scan. */
    List<Set<Path>> watched() {
        return watched;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void watch(Set<Path> directories) {
        watched.add(Set.copyOf(directories));
    }

    @Override
    public Notice await(Duration timeout) {
        Step step = steps.poll();
        if (closed || step == null) {
            return Notice.CLOSED;
        }
        step.action().run();
        if (step.notice() == Notice.QUIET) {
            nanos.addAndGet(timeout.toNanos());
        }
        return step.notice();
    }

    @Override
    public void close() {
        closed = true;
    }
}
