package org.imagingtriage.topology.feed.orthanc;

/**
 * Told each time the feed has read Orthanc's change log and committed what it published, so a
 * supervisor can tell a feed that makes progress from one that is stuck (Orthanc or Kafka down,
 * a wedged thread) without the feed serving anything.
 */
@FunctionalInterface
public interface FeedHeartbeat {

    FeedHeartbeat NONE = () -> { };

    void beat();
}
