package org.imagingtriage.topology.feed.orthanc;

import java.util.Objects;

/**
 * A request to Orthanc failed. The message names the REST path pattern and the status, never a
 * resource id with its tags or anything of a response body.
 */
public final class OrthancException extends Exception {

    /** What the feed does about the failure. */
    public enum Kind {
        /** Orthanc is down, overloaded or slow: wait with backoff and ask again. */
        UNAVAILABLE,
        /** The resource was deleted between the change and the request: nothing left to publish. */
        GONE,
        /** Orthanc refuses the request (credentials, permissions, a bad URL): asking again cannot help. */
        REFUSED,
        /** This one resource's answer is larger than the feed accepts: asking again gives the same. */
        TOO_LARGE
    }

    private final Kind kind;
    private final boolean aboutTheResource;

    OrthancException(Kind kind, String message) {
        this(kind, message, false);
    }

    /**
     * @param aboutTheResource Orthanc itself answered with an error about this resource (its own
     *     JSON error body), rather than being slow, unreachable or overloaded
     */
    OrthancException(Kind kind, String message, boolean aboutTheResource) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.aboutTheResource = aboutTheResource;
    }

    OrthancException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.aboutTheResource = false;
    }

    /** Orthanc's own error about the resource (a 500 for a damaged file), not an outage or a timeout. */
    public boolean aboutTheResource() {
        return aboutTheResource;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The classification of an HTTP status other than 200.
     *
     * @param orthancSaysUnknown the answer's body is Orthanc's own error for an unknown resource: a
     *     404 from a proxy in front of a stopped Orthanc means unavailable, not deleted
     */
    static Kind kindOf(int status, boolean orthancSaysUnknown) {
        if (status == 404 || status == 410) {
            return orthancSaysUnknown ? Kind.GONE : Kind.UNAVAILABLE;
        }
        if (status == 408 || status == 429 || status >= 500 && status != 501 && status != 505) {
            return Kind.UNAVAILABLE;
        }
        return Kind.REFUSED;
    }
}
