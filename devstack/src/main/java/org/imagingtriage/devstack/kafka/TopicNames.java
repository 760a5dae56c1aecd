package org.imagingtriage.devstack.kafka;

import java.util.UUID;

/**
 * Topic names that no other test uses: the embedded cluster is shared by every test class of a
 * run, so a fixed name would let one test read another's records.
 */
public final class TopicNames {

    private TopicNames() {
    }

    /** {@code purpose} followed by a random suffix, e.g. {@code images-in-3f2a9c1e}. */
    public static String unique(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("purpose must be a non-blank topic name prefix");
        }
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
