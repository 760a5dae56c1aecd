package org.imagingtriage.topology.feed;

import java.util.Objects;

/**
 * An image that was not published although planned.
 *
 * @param displayName relative to the fed directory, for the operator's terminal only
 * @param reason what went wrong, e.g. the exception's type and message; for the terminal
 */
public record FailedFile(String displayName, String reason) {

    public FailedFile {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(reason, "reason");
    }
}
