package org.imagingtriage.topology.imaging;

import java.util.Objects;
import org.imagingtriage.contract.Stage;

/**
 * An imaging stage refused an event: the stage, a stable reason code and a detail fit for a
 * DeadLetter.
 *
 * <p>The detail never holds a PHI value, a file path or image content: callers build it from
 * constants, numbers and names taken from our own dictionaries, never from the event's strings.
 * For the same reason no cause is chained: the messages of JDK exceptions (a
 * {@code NoSuchFileException}'s is the path) would otherwise reach logs through stack traces.
 * The cause's class name may appear in the detail.
 */
public final class ImagingException extends Exception {

    private final ImagingReason reason;
    private final String detail;

    public ImagingException(ImagingReason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason").stage() + " " + reason.name() + ": "
                + Objects.requireNonNull(detail, "detail"));
        this.reason = reason;
        this.detail = detail;
    }

    /** The DeadLetter stage. */
    public Stage stage() {
        return reason.stage();
    }

    /** The reason as a code; its {@code name()} is what {@code DeadLetter.reason} carries. */
    public ImagingReason reason() {
        return reason;
    }

    /** The stable code string for {@code DeadLetter.reason}. */
    public String reasonCode() {
        return reason.name();
    }

    /** Human-readable, PHI-free explanation for {@code DeadLetter.detail}. */
    public String detail() {
        return detail;
    }

    /** True when retrying the same event later may succeed (an I/O error on an existing file). */
    public boolean isTransient() {
        return reason.isTransient();
    }
}
