package org.imagingtriage.topology.review.image;

import java.util.Optional;
import java.util.UUID;
import org.imagingtriage.contract.ImageEvent;

/** Finds the event a draft was made from. */
@FunctionalInterface
public interface EventFetcher {

    /** The image's event with this id; empty when it is no longer there or cannot be read. */
    Optional<ImageEvent> fetch(String sopInstanceUid, UUID eventId);
}
