package org.imagingtriage.topology.config;

import java.time.Duration;
import java.util.Optional;

/** The pipeline's topics, by what they are for; each has its own {@code topics.<id>.*} keys. */
public enum TopicRole {
    /** Routine image events from the feeds. */
    EVENTS("events", "imaging.events", true, Optional.of(Duration.ofDays(7))),
    /** STAT and URGENT image events, on their own topic so a routine backlog cannot delay them. */
    PRIORITY_EVENTS("priority", "imaging.events.priority", true, Optional.of(Duration.ofDays(7))),
    /** Drafts keyed by SOP Instance UID; compacted so the latest draft per image is kept for reviewers. */
    DRAFTS("drafts", "triage.drafts", false, Optional.empty()),
    /** Dead letters carry the original event bytes, inline image included, and are kept longer for replay. */
    DEAD_LETTERS("dlq", "imaging.dlq", true, Optional.of(Duration.ofDays(30))),
    /** Review decisions, keyed like the drafts and compacted like them. */
    REVIEWS("reviews", "triage.reviews", false, Optional.empty());

    private final String id;
    private final String defaultName;
    private final boolean carriesImages;
    private final Optional<Duration> defaultRetention;

    TopicRole(String id, String defaultName, boolean carriesImages, Optional<Duration> defaultRetention) {
        this.id = id;
        this.defaultName = defaultName;
        this.carriesImages = carriesImages;
        this.defaultRetention = defaultRetention;
    }

    public String id() {
        return id;
    }

    public String defaultName() {
        return defaultName;
    }

    /** Whether records may hold an inline image, so the topic's max.message.bytes must fit one. */
    public boolean carriesImages() {
        return carriesImages;
    }

    /** Compacted topics keep the latest record per key and have no retention time. */
    public boolean compacted() {
        return defaultRetention.isEmpty();
    }

    public Optional<Duration> defaultRetention() {
        return defaultRetention;
    }

    public String nameKey() {
        return "topics." + id + ".name";
    }

    public String partitionsKey() {
        return "topics." + id + ".partitions";
    }

    public String retentionKey() {
        return "topics." + id + ".retention.ms";
    }
}
