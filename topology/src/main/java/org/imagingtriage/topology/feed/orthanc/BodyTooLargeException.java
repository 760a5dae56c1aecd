package org.imagingtriage.topology.feed.orthanc;

import java.io.IOException;

/** An answer body passed the size its caller would accept; the transfer was cancelled. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long maxBytes) {
        super("the answer is larger than " + maxBytes + " bytes");
    }
}
