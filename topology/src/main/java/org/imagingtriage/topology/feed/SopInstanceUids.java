package org.imagingtriage.topology.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SOP Instance UIDs sidecars have given so far, and whose they are: the pipeline keys events
 * by them, so two images claiming one would overwrite each other downstream. Not thread-safe.
 */
final class SopInstanceUids {

    private final Map<String, String> owners = new HashMap<>();

    /** Claims the sidecar's UID, if any, for this image; the problem when another image has it. */
    Optional<String> claim(PlannedImage planned) {
        Optional<String> sop = planned.metadata().sopInstanceUid();
        if (sop.isEmpty()) {
            return Optional.empty();
        }
        String name = planned.image().displayName();
        String owner = owners.putIfAbsent(sop.get(), name);
        if (owner == null || owner.equals(name)) {
            return Optional.empty();
        }
        return Optional.of(name + FeedPlanner.SIDECAR_SUFFIX + ": key sopInstanceUid: the same SOP Instance UID as "
                + owner + "; every image needs its own");
    }
}
