package org.imagingtriage.topology.config;

import java.util.Objects;

/** What {@code triage feed orthanc} needs: the Kafka client configuration and Orthanc's. */
public record TriageFeedConfig(TriageClientConfig client, OrthancFeedSettings orthanc) {

    public TriageFeedConfig {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(orthanc, "orthanc");
    }
}
