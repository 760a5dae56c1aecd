package org.imagingtriage.topology.feed.orthanc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FeedHeartbeat} kept as a file's modification time, for a container healthcheck such as
 * {@code find FILE -mmin -2}: the feed writes nothing else into it. A heartbeat that cannot be
 * written is logged once and never stops the feed; the healthcheck then reports it.
 */
public final class HeartbeatFile implements FeedHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatFile.class);

    private final Path file;
    private final Clock clock;
    private boolean warned;

    public HeartbeatFile(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void beat() {
        try {
            if (Files.notExists(file)) {
                Files.createFile(file);
            }
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            warned = false;
        } catch (IOException e) {
            if (!warned) {
                LOG.warn("feed=orthanc stage=heartbeat reason=HEARTBEAT_NOT_WRITTEN file={}: {}", file, e.toString());
                warned = true;
            }
        }
    }
}
