package org.imagingtriage.topology.feed;

import java.util.Objects;

/**
 * A sidecar file the feed refuses, naming the file and the key at fault. The message never
 * quotes a value: metadata values are exactly where patient identity would hide.
 */
public final class SidecarException extends Exception {

    private final String file;
    private final String key;

    /**
     * @param file the sidecar's name as the operator sees it (relative to the fed directory)
     * @param key the key at fault, or an empty string when the file as a whole is
     */
    public SidecarException(String file, String key, String problem) {
        super(Objects.requireNonNull(file, "file") + (key.isEmpty() ? "" : ": key " + key) + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.file = file;
        this.key = key;
    }

    public String file() {
        return file;
    }

    public String key() {
        return key;
    }
}
